-- Tasklane SQLite schema, version 6: the files a node would otherwise keep on its own disk, kept in the database so
-- that nodes without a shared disk read each other's (see docs/scaling.md). On SQLite they stay files beside the
-- database by default (TasklaneOptions.FilesInDatabase); the tables are here so that both stores keep one schema.
-- 1. key_ring_elements: the XML elements of Tasklane's Data Protection key ring (the keys that protect worker secrets).
-- 2. artifact_contents: the bytes of artifacts, by the file key a task row names.
-- 3. task_log_archives: finished tasks' log lines moved out of task_logs (task_log_storage_backend = file), one
--    gzip-compressed chunk of JSON lines per move, with the sequence numbers it holds.

CREATE TABLE key_ring_elements (
  name       TEXT    NOT NULL PRIMARY KEY,
  xml        TEXT    NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE artifact_contents (
  file_key   TEXT    NOT NULL PRIMARY KEY,
  task_id    INTEGER NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB    NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE task_log_archives (
  task_id   INTEGER NOT NULL,
  last_seq  INTEGER NOT NULL,
  first_seq INTEGER NOT NULL,
  lines     INTEGER NOT NULL,
  content   BLOB    NOT NULL,
  PRIMARY KEY (task_id, last_seq)
);

-- Also in this version: the statistics show subtasks as their own figure (docs/subtasks.md, "How they are counted"),
-- counted from this index over the live subtasks by creation time.
CREATE INDEX ix_tasks_subtasks_created_at ON tasks (created_at, id) WHERE parent_id IS NOT NULL AND deleted_at IS NULL;
