-- Tasklane SQLite schema, version 1.
-- Times are INTEGER unix milliseconds UTC; enums are lower-case text.

CREATE TABLE tasks (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  worker           TEXT    NOT NULL,
  action           TEXT    NOT NULL,
  data             TEXT    NOT NULL DEFAULT '{}',
  queue            TEXT    NOT NULL DEFAULT 'default',
  priority         TEXT    NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal', 'low')),
  -- Claim order: high, normal, low. Kept beside the readable text so an index can serve it.
  priority_rank    INTEGER GENERATED ALWAYS AS (CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END) VIRTUAL,
  status           TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  progress         REAL    NOT NULL DEFAULT 0,
  message          TEXT,
  processed        INTEGER,
  total            INTEGER,
  eta_seconds      REAL,
  attempt          INTEGER NOT NULL DEFAULT 0,
  attempt_base     INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL DEFAULT 1,
  run_at           INTEGER NOT NULL,
  created_by_id    INTEGER,
  created_by_name  TEXT,
  category         TEXT    NOT NULL DEFAULT 'user' CHECK (category IN ('user', 'system')),
  ip_address       TEXT,
  schedule_id      TEXT,
  parent_id        INTEGER,
  object_type      TEXT,
  object_id        TEXT,
  idempotency_key  TEXT,
  error            TEXT,
  stack_trace      TEXT,
  artifact_key     TEXT,
  artifact_name    TEXT,
  artifact_size    INTEGER,
  timeout_seconds  INTEGER,
  created_at       INTEGER NOT NULL,
  started_at       INTEGER,
  updated_at       INTEGER NOT NULL,
  ended_at         INTEGER,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT,
  lease_expires_at INTEGER,
  deleted_at       INTEGER
);

-- The claim: pending, due, by priority then run_at then id.
CREATE INDEX ix_tasks_claim ON tasks (status, priority_rank, run_at, id) WHERE deleted_at IS NULL;
-- Next due, process pending, rescue (running by lease expiry).
CREATE INDEX ix_tasks_status_run_at ON tasks (status, run_at) WHERE deleted_at IS NULL;
CREATE INDEX ix_tasks_lease ON tasks (lease_owner, status);
CREATE INDEX ix_tasks_lease_expiry ON tasks (status, lease_expires_at) WHERE status = 'running';
-- The list: newest first, optionally by creator, worker or status.
CREATE INDEX ix_tasks_created_by ON tasks (created_by_id, id);
CREATE INDEX ix_tasks_worker ON tasks (worker, action, id);
CREATE INDEX ix_tasks_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX ix_tasks_object ON tasks (object_type, object_id) WHERE object_type IS NOT NULL;
-- Retention.
CREATE INDEX ix_tasks_ended ON tasks (status, ended_at);
CREATE INDEX ix_tasks_deleted ON tasks (deleted_at) WHERE deleted_at IS NOT NULL;
-- One live task per idempotency key; a soft-deleted task frees its key.
CREATE UNIQUE INDEX ux_tasks_idempotency_key ON tasks (idempotency_key)
  WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE task_logs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  level       TEXT    NOT NULL,
  message     TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  progress    REAL    NOT NULL DEFAULT 0,
  processed   INTEGER,
  total       INTEGER,
  eta_seconds REAL
);

CREATE INDEX ix_task_logs_task ON task_logs (task_id, id);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  username      TEXT    NOT NULL COLLATE NOCASE UNIQUE,
  password_hash TEXT    NOT NULL,
  role          TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE tokens (
  token_hash TEXT    PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE INDEX ix_tokens_user ON tokens (user_id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE nodes (
  id             TEXT    PRIMARY KEY,
  host           TEXT    NOT NULL,
  pid            INTEGER NOT NULL,
  started_at     INTEGER NOT NULL,
  last_heartbeat INTEGER NOT NULL,
  queues         TEXT    NOT NULL DEFAULT '{}',
  workers        TEXT    NOT NULL DEFAULT '[]',
  concurrency    INTEGER NOT NULL DEFAULT 0,
  running        INTEGER NOT NULL DEFAULT 0
);
