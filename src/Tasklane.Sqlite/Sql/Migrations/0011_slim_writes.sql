-- Tasklane SQLite schema, version 11: less SQL work per create and per status change, the same read side.
-- 1. Fewer index entries per row. The user= filter finds its creators' ids in task_counts and walks
--    ix_tasks_list_creator (the name is compared on the row), so ix_tasks_list_creator_name goes; ix_tasks_created_by
--    (all tasks, also deleted and subtasks) goes, its readers are served by the creator list indexes or read few rows.
--    The indexes of the engine's own queries hold only the rows those queries ask for: the claim and due-time indexes
--    the pending tasks (a completion no longer touches them), the lease index the leased tasks (a create touches none
--    of the three).
-- 2. Search: the trigram index tasks_fts over worker, action and message (a segment written at every create) is
--    replaced by tasks_message_fts over message alone, holding only the tasks that have one (a create has none). A
--    worker or action substring is matched against task_actions, the few distinct worker/action pairs (one lookup
--    per create, a write only for a new pair), and the pairs found are walked in ix_tasks_worker.
-- task_logs keeps its foreign key to tasks: its check is one lookup of a task row the same transaction has just
-- written, and removing it measured no difference (docs/performance.md, "SQLite write cost after migration 0011").
-- (bench/profile/sqlite_write_cost.py applies the two parts, marked [indexes] and [search], one at a time.)

-- [indexes]
DROP INDEX ix_tasks_list_creator_name;
DROP INDEX ix_tasks_created_by;

DROP INDEX ix_tasks_claim;
CREATE INDEX ix_tasks_claim ON tasks (status, priority_rank, run_at, id) WHERE status = 'pending' AND deleted_at IS NULL;
DROP INDEX ix_tasks_status_run_at;
CREATE INDEX ix_tasks_status_run_at ON tasks (status, run_at) WHERE status = 'pending' AND deleted_at IS NULL;
DROP INDEX ix_tasks_lease;
CREATE INDEX ix_tasks_lease ON tasks (lease_owner, status) WHERE lease_owner IS NOT NULL;

-- [search]
DROP TRIGGER trg_tasks_fts_insert;
DROP TRIGGER trg_tasks_fts_delete;
DROP TRIGGER trg_tasks_fts_update;
DROP TABLE tasks_fts;

CREATE VIRTUAL TABLE tasks_message_fts USING fts5(message, content='tasks', content_rowid='id', tokenize='trigram');
INSERT INTO tasks_message_fts (rowid, message) SELECT id, message FROM tasks WHERE message IS NOT NULL;

CREATE TRIGGER trg_tasks_message_fts_insert AFTER INSERT ON tasks
WHEN new.message IS NOT NULL
BEGIN
  INSERT INTO tasks_message_fts (rowid, message) VALUES (new.id, new.message);
END;

CREATE TRIGGER trg_tasks_message_fts_delete AFTER DELETE ON tasks
WHEN old.message IS NOT NULL
BEGIN
  INSERT INTO tasks_message_fts (tasks_message_fts, rowid, message) VALUES ('delete', old.id, old.message);
END;

CREATE TRIGGER trg_tasks_message_fts_update AFTER UPDATE OF message ON tasks
WHEN old.message IS NOT new.message
BEGIN
  INSERT INTO tasks_message_fts (tasks_message_fts, rowid, message) SELECT 'delete', old.id, old.message WHERE old.message IS NOT NULL;
  INSERT INTO tasks_message_fts (rowid, message) SELECT new.id, new.message WHERE new.message IS NOT NULL;
END;

-- Every worker/action pair a task has had; a pair stays when its tasks go (a search then finds no task through it).
CREATE TABLE task_actions (
  worker TEXT NOT NULL,
  action TEXT NOT NULL,
  PRIMARY KEY (worker, action)
) WITHOUT ROWID;
INSERT INTO task_actions (worker, action) SELECT DISTINCT worker, action FROM tasks;

CREATE TRIGGER trg_tasks_actions_insert AFTER INSERT ON tasks
BEGIN
  INSERT INTO task_actions (worker, action) VALUES (new.worker, new.action) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER trg_tasks_actions_update AFTER UPDATE OF worker, action ON tasks
WHEN old.worker IS NOT new.worker OR old.action IS NOT new.action
BEGIN
  INSERT INTO task_actions (worker, action) VALUES (new.worker, new.action) ON CONFLICT DO NOTHING;
END;

