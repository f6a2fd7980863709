-- Tasklane PostgreSQL schema, version 2: the worker registry and schedules.

CREATE TABLE workers (
  identifier  text        PRIMARY KEY,
  title       text        NOT NULL,
  scope       text,
  description text,
  icon        text,
  actions     jsonb       NOT NULL DEFAULT '[]',
  active      boolean     NOT NULL DEFAULT true,
  settings    text,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE schedules (
  id           text        PRIMARY KEY,
  name         text        NOT NULL,
  worker       text        NOT NULL,
  action       text        NOT NULL,
  data         json        NOT NULL DEFAULT '{}',
  spec         text        NOT NULL,
  enabled      boolean     NOT NULL DEFAULT false,
  next_run_at  timestamptz,
  last_run_at  timestamptz,
  last_task_id bigint,
  updated_at   timestamptz NOT NULL
);

CREATE INDEX ix_schedules_due ON schedules (next_run_at) WHERE enabled;

-- One row per fired tick: the primary key makes a tick fire once, whichever node tries.
CREATE TABLE schedule_firings (
  schedule_id text        NOT NULL,
  fire_at     timestamptz NOT NULL,
  task_id     bigint      NOT NULL,
  PRIMARY KEY (schedule_id, fire_at)
);

CREATE INDEX ix_tasks_schedule ON tasks (schedule_id) WHERE schedule_id IS NOT NULL;
