-- Tasklane PostgreSQL schema, version 6: the files a node would otherwise keep on its own disk, kept in the database
-- so that nodes without a shared disk read each other's (see docs/scaling.md). This is the default on PostgreSQL
-- (TasklaneOptions.FilesInDatabase); a folder set explicitly (KeysPath, ArtifactsPath, LogsPath) still wins.
-- 1. key_ring_elements: the XML elements of Tasklane's Data Protection key ring (the keys that protect worker secrets).
-- 2. artifact_contents: the bytes of artifacts, by the file key a task row names.
-- 3. task_log_archives: finished tasks' log lines moved out of task_logs (task_log_storage_backend = file), one
--    gzip-compressed chunk of JSON lines per move, with the sequence numbers it holds.

CREATE TABLE key_ring_elements (
  name       text        NOT NULL PRIMARY KEY,
  xml        text        NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE artifact_contents (
  file_key   text        NOT NULL PRIMARY KEY,
  task_id    bigint      NOT NULL,
  size       bigint      NOT NULL,
  content    bytea       NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE task_log_archives (
  task_id   bigint NOT NULL,
  last_seq  bigint NOT NULL,
  first_seq bigint NOT NULL,
  lines     integer NOT NULL,
  content   bytea  NOT NULL,
  PRIMARY KEY (task_id, last_seq)
);

-- Also in this version: the statistics show subtasks as their own figure (docs/subtasks.md, "How they are counted"),
-- counted from this index over the live subtasks by creation time.
CREATE INDEX ix_tasks_subtasks_created_at ON tasks (created_at, id) WHERE parent_id IS NOT NULL AND deleted_at IS NULL;
