-- Writes one queue's configuration; a changed rate starts with a full bucket.
INSERT INTO queues (name, paused, global_concurrency, rate_per_second, rate_tokens, rate_tokens_at, updated_at)
VALUES (@name, @paused, @global_concurrency, @rate_per_second, NULL, NULL, @now)
ON CONFLICT (name) DO UPDATE SET
  paused = excluded.paused,
  global_concurrency = excluded.global_concurrency,
  rate_tokens = CASE WHEN queues.rate_per_second IS excluded.rate_per_second THEN queues.rate_tokens END,
  rate_tokens_at = CASE WHEN queues.rate_per_second IS excluded.rate_per_second THEN queues.rate_tokens_at END,
  rate_per_second = excluded.rate_per_second,
  updated_at = excluded.updated_at;
