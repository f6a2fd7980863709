-- Tasklane SQLite schema, version 8: tags, links, clones, run history and search over data.
-- 1. tags, links and cloned_from on the task row (tags and links as JSON arrays, NULL when none: what a read returns),
--    and the same tags and links in two child tables with indexes, so that the tag= and object filters of a list are
--    index lookups. Both are written once, when the task is created (a task's tags and links never change), and go
--    with the task (ON DELETE CASCADE). The first link is the task's object_type/object_id.
-- 2. A list index by schedule_id: a schedule's run history.
-- 3. tasks_data_fts: a trigram FTS5 index of the data, filled when a task is inserted and emptied when it is
--    removed; data never changes, so no trigger runs on a status change. The error text is searched on the failed
--    tasks only, through the status index (no index of its own).

ALTER TABLE tasks ADD COLUMN tags TEXT;
ALTER TABLE tasks ADD COLUMN links TEXT;
ALTER TABLE tasks ADD COLUMN cloned_from INTEGER;

CREATE TABLE task_tags (
  tag     TEXT    NOT NULL,
  task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  PRIMARY KEY (tag, task_id)
) WITHOUT ROWID;
CREATE INDEX ix_task_tags_task ON task_tags (task_id);

CREATE TABLE task_links (
  task_id   INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  link_type TEXT,
  link_id   TEXT,
  PRIMARY KEY (task_id, position)
) WITHOUT ROWID;
CREATE INDEX ix_task_links_type_id ON task_links (link_type, link_id, task_id);
CREATE INDEX ix_task_links_id ON task_links (link_id, task_id);

-- Existing tasks: their object becomes their first (and only) link.
INSERT INTO task_links (task_id, position, link_type, link_id)
SELECT id, 0, object_type, object_id FROM tasks WHERE object_type IS NOT NULL OR object_id IS NOT NULL;
UPDATE tasks SET links = json_array(json_object('type', object_type, 'id', object_id))
WHERE object_type IS NOT NULL OR object_id IS NOT NULL;

CREATE INDEX ix_tasks_list_schedule ON tasks (schedule_id, id) WHERE deleted_at IS NULL AND schedule_id IS NOT NULL;

CREATE VIRTUAL TABLE tasks_data_fts USING fts5(data, content='tasks', content_rowid='id', tokenize='trigram');
INSERT INTO tasks_data_fts (rowid, data) SELECT id, data FROM tasks WHERE data <> '{}';

CREATE TRIGGER trg_tasks_data_fts_insert AFTER INSERT ON tasks
WHEN new.data <> '{}'
BEGIN
  INSERT INTO tasks_data_fts (rowid, data) VALUES (new.id, new.data);
END;

CREATE TRIGGER trg_tasks_data_fts_delete AFTER DELETE ON tasks
WHEN old.data <> '{}'
BEGIN
  INSERT INTO tasks_data_fts (tasks_data_fts, rowid, data) VALUES ('delete', old.id, old.data);
END;
