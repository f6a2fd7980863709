-- Tasklane SQLite schema, version 2: the worker registry and schedules.

CREATE TABLE workers (
  identifier  TEXT    PRIMARY KEY,
  title       TEXT    NOT NULL,
  scope       TEXT,
  description TEXT,
  icon        TEXT,
  actions     TEXT    NOT NULL DEFAULT '[]',
  active      INTEGER NOT NULL DEFAULT 1,
  settings    TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE schedules (
  id           TEXT    PRIMARY KEY,
  name         TEXT    NOT NULL,
  worker       TEXT    NOT NULL,
  action       TEXT    NOT NULL,
  data         TEXT    NOT NULL DEFAULT '{}',
  spec         TEXT    NOT NULL,
  enabled      INTEGER NOT NULL DEFAULT 0,
  next_run_at  INTEGER,
  last_run_at  INTEGER,
  last_task_id INTEGER,
  updated_at   INTEGER NOT NULL
);

CREATE INDEX ix_schedules_due ON schedules (enabled, next_run_at);

-- One row per fired tick: the primary key makes a tick fire once, whichever node tries.
CREATE TABLE schedule_firings (
  schedule_id TEXT    NOT NULL,
  fire_at     INTEGER NOT NULL,
  task_id     INTEGER NOT NULL,
  PRIMARY KEY (schedule_id, fire_at)
);

CREATE INDEX ix_tasks_schedule ON tasks (schedule_id) WHERE schedule_id IS NOT NULL;
