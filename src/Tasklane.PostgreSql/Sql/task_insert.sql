-- Inserts the task with its first log line; no row when a live task holds the idempotency key
-- (ON CONFLICT waits for a concurrent insert of the same key to commit or roll back).
WITH inserted AS (
  INSERT INTO tasks (
    worker, action, data, queue, priority, status, progress, attempt, attempt_base, max_attempts,
    run_at, created_by_id, created_by_name, category, ip_address, schedule_id, parent_id,
    object_type, object_id, idempotency_key, timeout_seconds, created_at, updated_at, cancel_requested, name, trace_context,
    concurrency_key, concurrency_limit, tags, links, cloned_from)
  VALUES (
    @worker, @action, @data::json, @queue, @priority, 'pending', 0, 0, 0, @max_attempts,
    @run_at, @created_by_id::bigint, @created_by_name::text, @category, @ip_address::text, @schedule_id::text, @parent_id::bigint,
    @object_type::text, @object_id::text, @idempotency_key::text, @timeout_seconds::integer, @now, @now, false, @name::text, @trace_context::text,
    @concurrency_key::text, @concurrency_limit::integer, @tags::text, @links::text, @cloned_from::bigint)
  ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL DO NOTHING
  RETURNING *
), logged AS (
  INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
  SELECT id, @now, 'info', @log_message::text, status, progress, processed, total, eta_seconds
  FROM inserted
)
SELECT * FROM inserted;
