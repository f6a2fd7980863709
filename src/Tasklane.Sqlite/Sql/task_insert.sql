INSERT INTO tasks (
  worker, action, data, queue, priority, status, progress, attempt, attempt_base, max_attempts,
  run_at, created_by_id, created_by_name, category, ip_address, schedule_id, parent_id,
  object_type, object_id, idempotency_key, timeout_seconds, created_at, updated_at, cancel_requested, name, trace_context,
  concurrency_key, concurrency_limit, tags, links, cloned_from)
VALUES (
  @worker, @action, @data, @queue, @priority, 'pending', 0, 0, 0, @max_attempts,
  @run_at, @created_by_id, @created_by_name, @category, @ip_address, @schedule_id, @parent_id,
  @object_type, @object_id, @idempotency_key, @timeout_seconds, @now, @now, 0, @name, @trace_context,
  @concurrency_key, @concurrency_limit, @tags, @links, @cloned_from)
RETURNING id;
