-- Tasklane PostgreSQL schema, version 10: queue control (pause, a global concurrency, a rate per second) and
-- concurrency keys. A row per configured queue; a queue without a row runs unpaused and unlimited. A claim that a
-- limit applies to locks the queue's row (FOR UPDATE), so two nodes never together exceed it. The rate is a token
-- bucket kept in the row (tokens left at rate_tokens_at, refilled at rate_per_second up to a burst of
-- max(1, rate_per_second)).
CREATE TABLE queues (
  name               text             NOT NULL PRIMARY KEY,
  paused             boolean          NOT NULL DEFAULT false,
  global_concurrency integer CHECK (global_concurrency IS NULL OR global_concurrency >= 1),
  rate_per_second    double precision CHECK (rate_per_second IS NULL OR rate_per_second > 0),
  rate_tokens        double precision,
  rate_tokens_at     timestamptz,
  updated_at         timestamptz      NOT NULL
);

-- At most concurrency_limit tasks with the same concurrency_key run at once. Only tasks with a key are indexed; a
-- constant default adds the column without rewriting the table.
ALTER TABLE tasks ADD COLUMN concurrency_key text;
ALTER TABLE tasks ADD COLUMN concurrency_limit integer NOT NULL DEFAULT 1;
CREATE INDEX ix_tasks_running_key ON tasks (concurrency_key) WHERE status = 'running' AND concurrency_key IS NOT NULL;
