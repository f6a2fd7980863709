-- Tasklane SQLite schema, version 10: queue control (pause, a global concurrency, a rate per second) and concurrency
-- keys. A row per configured queue; a queue without a row runs unpaused and unlimited. The rate is a token bucket kept
-- in the row (tokens left at rate_tokens_at, refilled at rate_per_second up to a burst of max(1, rate_per_second)).
CREATE TABLE queues (
  name               TEXT    NOT NULL PRIMARY KEY,
  paused             INTEGER NOT NULL DEFAULT 0,
  global_concurrency INTEGER,
  rate_per_second    REAL,
  rate_tokens        REAL,
  rate_tokens_at     INTEGER,
  updated_at         INTEGER NOT NULL
);

-- At most concurrency_limit tasks with the same concurrency_key run at once. Only tasks with a key are indexed.
ALTER TABLE tasks ADD COLUMN concurrency_key TEXT;
ALTER TABLE tasks ADD COLUMN concurrency_limit INTEGER NOT NULL DEFAULT 1;
CREATE INDEX ix_tasks_running_key ON tasks (concurrency_key) WHERE status = 'running' AND concurrency_key IS NOT NULL;
