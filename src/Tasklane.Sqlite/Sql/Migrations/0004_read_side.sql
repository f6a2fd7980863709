-- Tasklane SQLite schema, version 4: the read side stays fast as the store grows.
-- 1. List indexes over the live top-level tasks (the screens), each ending in id so a page walks it newest first
--    and a capped count reads only the index.
-- 2. tasks_fts: a trigram FTS5 index of worker, action and message, so a search of 3 or more characters does not
--    scan the table.
-- 3. task_counts and task_stats_hourly: counters kept by triggers, so the dashboard, the queues, the worker list
--    and the statistics never count the tasks table. Both are backfilled here.
-- A creator of NULL (a system task) is kept as -9223372036854775807 in the counters' keys.

CREATE INDEX ix_tasks_list_status ON tasks (status, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_worker ON tasks (worker, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_action ON tasks (action, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_queue ON tasks (queue, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_creator ON tasks (created_by_id, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_creator_status ON tasks (created_by_id, status, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_creator_name ON tasks (created_by_name, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
-- Time ranges page by creation time; the statistics read the partial hours at the edges of a range through it.
CREATE INDEX ix_tasks_created_at ON tasks (created_at, id) WHERE deleted_at IS NULL;

-- Search: substrings of worker, action and message (trigram: case-insensitive, 3 characters or more).
CREATE VIRTUAL TABLE tasks_fts USING fts5(worker, action, message, content='tasks', content_rowid='id', tokenize='trigram');
INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild');

CREATE TRIGGER trg_tasks_fts_insert AFTER INSERT ON tasks
BEGIN
  INSERT INTO tasks_fts (rowid, worker, action, message) VALUES (new.id, new.worker, new.action, new.message);
END;

CREATE TRIGGER trg_tasks_fts_delete AFTER DELETE ON tasks
BEGIN
  INSERT INTO tasks_fts (tasks_fts, rowid, worker, action, message) VALUES ('delete', old.id, old.worker, old.action, old.message);
END;

CREATE TRIGGER trg_tasks_fts_update AFTER UPDATE OF worker, action, message ON tasks
WHEN old.worker IS NOT new.worker OR old.action IS NOT new.action OR old.message IS NOT new.message
BEGIN
  INSERT INTO tasks_fts (tasks_fts, rowid, worker, action, message) VALUES ('delete', old.id, old.worker, old.action, old.message);
  INSERT INTO tasks_fts (rowid, worker, action, message) VALUES (new.id, new.worker, new.action, new.message);
END;

-- Live tasks by worker, queue, creator and top level (parent_id IS NULL), one column per status.
CREATE TABLE task_counts (
  worker       TEXT    NOT NULL,
  queue        TEXT    NOT NULL,
  creator      INTEGER NOT NULL,
  creator_name TEXT    NOT NULL,
  top_level    INTEGER NOT NULL,
  pending      INTEGER NOT NULL DEFAULT 0,
  running      INTEGER NOT NULL DEFAULT 0,
  completed    INTEGER NOT NULL DEFAULT 0,
  failed       INTEGER NOT NULL DEFAULT 0,
  cancelled    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (worker, queue, creator, creator_name, top_level)
) WITHOUT ROWID;

-- Live tasks by hour of creation, worker and creator, one column per status; the completed runs with both times
-- (count and summed milliseconds) for the average; the latest start of an attempt, and whether that latest start
-- may belong to a task that left the hour (deleted), in which case a reader recomputes it from the hour's tasks.
CREATE TABLE task_stats_hourly (
  hour           INTEGER NOT NULL,
  worker         TEXT    NOT NULL,
  creator        INTEGER NOT NULL,
  pending        INTEGER NOT NULL DEFAULT 0,
  running        INTEGER NOT NULL DEFAULT 0,
  completed      INTEGER NOT NULL DEFAULT 0,
  failed         INTEGER NOT NULL DEFAULT 0,
  cancelled      INTEGER NOT NULL DEFAULT 0,
  duration_count INTEGER NOT NULL DEFAULT 0,
  duration_sum   INTEGER NOT NULL DEFAULT 0,
  max_started_at INTEGER,
  stale_max      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour, worker, creator)
) WITHOUT ROWID;

INSERT INTO task_counts (worker, queue, creator, creator_name, top_level, pending, running, completed, failed, cancelled)
SELECT worker, queue, IFNULL(created_by_id, -9223372036854775807), IFNULL(created_by_name, ''), parent_id IS NULL,
       SUM(status = 'pending'), SUM(status = 'running'), SUM(status = 'completed'), SUM(status = 'failed'), SUM(status = 'cancelled')
FROM tasks
WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO task_stats_hourly (hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum, max_started_at)
SELECT created_at - created_at % 3600000, worker, IFNULL(created_by_id, -9223372036854775807),
       SUM(status = 'pending'), SUM(status = 'running'), SUM(status = 'completed'), SUM(status = 'failed'), SUM(status = 'cancelled'),
       SUM(status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL),
       IFNULL(SUM(CASE WHEN status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL THEN ended_at - started_at END), 0),
       MAX(started_at)
FROM tasks
WHERE deleted_at IS NULL
GROUP BY 1, 2, 3;

-- A new live task adds itself.
CREATE TRIGGER trg_tasks_counts_insert AFTER INSERT ON tasks
WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO task_counts (worker, queue, creator, creator_name, top_level, pending, running, completed, failed, cancelled)
  VALUES (new.worker, new.queue, IFNULL(new.created_by_id, -9223372036854775807), IFNULL(new.created_by_name, ''), new.parent_id IS NULL,
          new.status = 'pending', new.status = 'running', new.status = 'completed', new.status = 'failed', new.status = 'cancelled')
  ON CONFLICT DO UPDATE SET
    pending = pending + excluded.pending, running = running + excluded.running, completed = completed + excluded.completed,
    failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled;
  INSERT INTO task_stats_hourly (hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum, max_started_at)
  VALUES (new.created_at - new.created_at % 3600000, new.worker, IFNULL(new.created_by_id, -9223372036854775807),
          new.status = 'pending', new.status = 'running', new.status = 'completed', new.status = 'failed', new.status = 'cancelled',
          new.status = 'completed' AND new.started_at IS NOT NULL AND new.ended_at IS NOT NULL,
          CASE WHEN new.status = 'completed' AND new.started_at IS NOT NULL AND new.ended_at IS NOT NULL THEN new.ended_at - new.started_at ELSE 0 END,
          new.started_at)
  ON CONFLICT DO UPDATE SET
    pending = pending + excluded.pending, running = running + excluded.running, completed = completed + excluded.completed,
    failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled,
    duration_count = duration_count + excluded.duration_count, duration_sum = duration_sum + excluded.duration_sum,
    max_started_at = MAX(IFNULL(max_started_at, excluded.max_started_at), IFNULL(excluded.max_started_at, max_started_at));
END;

-- A live task that goes (retention) takes itself out.
CREATE TRIGGER trg_tasks_counts_delete AFTER DELETE ON tasks
WHEN old.deleted_at IS NULL
BEGIN
  UPDATE task_counts SET
    pending = pending - (old.status = 'pending'), running = running - (old.status = 'running'),
    completed = completed - (old.status = 'completed'), failed = failed - (old.status = 'failed'),
    cancelled = cancelled - (old.status = 'cancelled')
  WHERE worker = old.worker AND queue = old.queue AND creator = IFNULL(old.created_by_id, -9223372036854775807)
    AND creator_name = IFNULL(old.created_by_name, '') AND top_level = (old.parent_id IS NULL);
  UPDATE task_stats_hourly SET
    pending = pending - (old.status = 'pending'), running = running - (old.status = 'running'),
    completed = completed - (old.status = 'completed'), failed = failed - (old.status = 'failed'),
    cancelled = cancelled - (old.status = 'cancelled'),
    duration_count = duration_count - (old.status = 'completed' AND old.started_at IS NOT NULL AND old.ended_at IS NOT NULL),
    duration_sum = duration_sum - CASE WHEN old.status = 'completed' AND old.started_at IS NOT NULL AND old.ended_at IS NOT NULL THEN old.ended_at - old.started_at ELSE 0 END,
    stale_max = stale_max OR (old.started_at IS NOT NULL AND old.started_at >= IFNULL(max_started_at, old.started_at))
  WHERE hour = old.created_at - old.created_at % 3600000 AND worker = old.worker AND creator = IFNULL(old.created_by_id, -9223372036854775807);
END;

-- The hot path (claim, complete, retry, rescue): a live task changes status or run times and keeps its keys:
-- one update of each counter row. Updates that set none of these columns (progress, heartbeats) skip the trigger.
CREATE TRIGGER trg_tasks_counts_update AFTER UPDATE OF status, started_at, ended_at ON tasks
WHEN old.deleted_at IS NULL AND new.deleted_at IS NULL
  AND (old.status IS NOT new.status OR old.started_at IS NOT new.started_at OR old.ended_at IS NOT new.ended_at)
  AND old.worker = new.worker AND old.queue = new.queue AND old.created_by_id IS new.created_by_id
  AND old.created_by_name IS new.created_by_name AND old.parent_id IS new.parent_id AND old.created_at = new.created_at
BEGIN
  UPDATE task_counts SET
    pending = pending - (old.status = 'pending') + (new.status = 'pending'),
    running = running - (old.status = 'running') + (new.status = 'running'),
    completed = completed - (old.status = 'completed') + (new.status = 'completed'),
    failed = failed - (old.status = 'failed') + (new.status = 'failed'),
    cancelled = cancelled - (old.status = 'cancelled') + (new.status = 'cancelled')
  WHERE old.status IS NOT new.status
    AND worker = new.worker AND queue = new.queue AND creator = IFNULL(new.created_by_id, -9223372036854775807)
    AND creator_name = IFNULL(new.created_by_name, '') AND top_level = (new.parent_id IS NULL);
  UPDATE task_stats_hourly SET
    pending = pending - (old.status = 'pending') + (new.status = 'pending'),
    running = running - (old.status = 'running') + (new.status = 'running'),
    completed = completed - (old.status = 'completed') + (new.status = 'completed'),
    failed = failed - (old.status = 'failed') + (new.status = 'failed'),
    cancelled = cancelled - (old.status = 'cancelled') + (new.status = 'cancelled'),
    duration_count = duration_count
      - (old.status = 'completed' AND old.started_at IS NOT NULL AND old.ended_at IS NOT NULL)
      + (new.status = 'completed' AND new.started_at IS NOT NULL AND new.ended_at IS NOT NULL),
    duration_sum = duration_sum
      - CASE WHEN old.status = 'completed' AND old.started_at IS NOT NULL AND old.ended_at IS NOT NULL THEN old.ended_at - old.started_at ELSE 0 END
      + CASE WHEN new.status = 'completed' AND new.started_at IS NOT NULL AND new.ended_at IS NOT NULL THEN new.ended_at - new.started_at ELSE 0 END,
    stale_max = stale_max OR (old.started_at IS NOT NULL AND old.started_at >= IFNULL(max_started_at, old.started_at)
                              AND (new.started_at IS NULL OR new.started_at < old.started_at)),
    max_started_at = MAX(IFNULL(max_started_at, new.started_at), IFNULL(new.started_at, max_started_at))
  WHERE hour = new.created_at - new.created_at % 3600000 AND worker = new.worker AND creator = IFNULL(new.created_by_id, -9223372036854775807);
END;

-- Everything else (a soft delete, or a key that changes): take the old row out, put the new one in.
CREATE TRIGGER trg_tasks_counts_move AFTER UPDATE OF deleted_at, worker, queue, created_by_id, created_by_name, parent_id, created_at ON tasks
WHEN (old.deleted_at IS NULL OR new.deleted_at IS NULL)
  AND NOT (old.deleted_at IS NULL AND new.deleted_at IS NULL
           AND old.worker = new.worker AND old.queue = new.queue AND old.created_by_id IS new.created_by_id
           AND old.created_by_name IS new.created_by_name AND old.parent_id IS new.parent_id AND old.created_at = new.created_at)
BEGIN
  UPDATE task_counts SET
    pending = pending - (old.status = 'pending'), running = running - (old.status = 'running'),
    completed = completed - (old.status = 'completed'), failed = failed - (old.status = 'failed'),
    cancelled = cancelled - (old.status = 'cancelled')
  WHERE old.deleted_at IS NULL
    AND worker = old.worker AND queue = old.queue AND creator = IFNULL(old.created_by_id, -9223372036854775807)
    AND creator_name = IFNULL(old.created_by_name, '') AND top_level = (old.parent_id IS NULL);
  UPDATE task_stats_hourly SET
    pending = pending - (old.status = 'pending'), running = running - (old.status = 'running'),
    completed = completed - (old.status = 'completed'), failed = failed - (old.status = 'failed'),
    cancelled = cancelled - (old.status = 'cancelled'),
    duration_count = duration_count - (old.status = 'completed' AND old.started_at IS NOT NULL AND old.ended_at IS NOT NULL),
    duration_sum = duration_sum - CASE WHEN old.status = 'completed' AND old.started_at IS NOT NULL AND old.ended_at IS NOT NULL THEN old.ended_at - old.started_at ELSE 0 END,
    stale_max = stale_max OR (old.started_at IS NOT NULL AND old.started_at >= IFNULL(max_started_at, old.started_at))
  WHERE old.deleted_at IS NULL
    AND hour = old.created_at - old.created_at % 3600000 AND worker = old.worker AND creator = IFNULL(old.created_by_id, -9223372036854775807);
  INSERT INTO task_counts (worker, queue, creator, creator_name, top_level, pending, running, completed, failed, cancelled)
  SELECT new.worker, new.queue, IFNULL(new.created_by_id, -9223372036854775807), IFNULL(new.created_by_name, ''), new.parent_id IS NULL,
         new.status = 'pending', new.status = 'running', new.status = 'completed', new.status = 'failed', new.status = 'cancelled'
  WHERE new.deleted_at IS NULL
  ON CONFLICT DO UPDATE SET
    pending = pending + excluded.pending, running = running + excluded.running, completed = completed + excluded.completed,
    failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled;
  INSERT INTO task_stats_hourly (hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum, max_started_at)
  SELECT new.created_at - new.created_at % 3600000, new.worker, IFNULL(new.created_by_id, -9223372036854775807),
         new.status = 'pending', new.status = 'running', new.status = 'completed', new.status = 'failed', new.status = 'cancelled',
         new.status = 'completed' AND new.started_at IS NOT NULL AND new.ended_at IS NOT NULL,
         CASE WHEN new.status = 'completed' AND new.started_at IS NOT NULL AND new.ended_at IS NOT NULL THEN new.ended_at - new.started_at ELSE 0 END,
         new.started_at
  WHERE new.deleted_at IS NULL
  ON CONFLICT DO UPDATE SET
    pending = pending + excluded.pending, running = running + excluded.running, completed = completed + excluded.completed,
    failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled,
    duration_count = duration_count + excluded.duration_count, duration_sum = duration_sum + excluded.duration_sum,
    max_started_at = MAX(IFNULL(max_started_at, excluded.max_started_at), IFNULL(excluded.max_started_at, max_started_at));
END;
