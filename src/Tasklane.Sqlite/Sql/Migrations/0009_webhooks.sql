-- Tasklane SQLite schema, version 9: webhooks (alerts) and their outbox.
-- webhooks: where to POST which events (task.failed, task.completed, queue.stalled as 0/1 flags), for every worker
-- (worker NULL) or one; secret is the HMAC key, encrypted with the key ring (never returned).
CREATE TABLE webhooks (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  url            TEXT    NOT NULL,
  worker         TEXT,
  task_failed    INTEGER NOT NULL DEFAULT 0,
  task_completed INTEGER NOT NULL DEFAULT 0,
  queue_stalled  INTEGER NOT NULL DEFAULT 0,
  secret         TEXT    NOT NULL,
  created_at     INTEGER NOT NULL
);

-- The outbox: one row per event and hook, written in the transaction of the transition that caused it, sent (at least
-- once) by the delivery loop. status: pending | delivered | failed (gave up). next_attempt_at is also the lease of a
-- claimed row: a sender that dies leaves it due again when the lease ends.
CREATE TABLE webhook_deliveries (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id       INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event            TEXT    NOT NULL,
  task_id          INTEGER,
  task_ended_at    INTEGER,
  queue            TEXT,
  oldest_due_at    INTEGER,
  status           TEXT    NOT NULL DEFAULT 'pending',
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  last_status_code INTEGER,
  last_error       TEXT,
  body             TEXT
);

-- One event per hook, task and ending: a transition written twice (a retried write) enqueues it once.
CREATE UNIQUE INDEX ux_webhook_deliveries_task ON webhook_deliveries (webhook_id, event, task_id, task_ended_at) WHERE task_id IS NOT NULL;
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_hook ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_created ON webhook_deliveries (created_at);

-- Queues in a stall episode (a due task waited longer than the threshold): queue.stalled fires when a row is added,
-- and again only after the row was removed (the queue caught up).
CREATE TABLE webhook_queue_stalls (
  queue TEXT    PRIMARY KEY,
  since INTEGER NOT NULL
);
