-- Inserts a batch of tasks without idempotency keys, one per element of the parallel arrays, in order, each with its
-- first log line at its creation time; returns their ids in order.
WITH rows AS (
  SELECT *
  FROM unnest(@workers::text[], @actions::text[], @datas::text[], @queues::text[], @priorities::text[],
              @max_attempts::integer[], @run_ats::timestamptz[], @created_by_ids::bigint[], @created_by_names::text[],
              @categories::text[], @ip_addresses::text[], @schedule_ids::text[], @parent_ids::bigint[],
              @object_types::text[], @object_ids::text[], @timeout_seconds::integer[], @names::text[], @log_messages::text[],
              @trace_contexts::text[], @concurrency_keys::text[], @concurrency_limits::integer[], @created_ats::timestamptz[],
              @tags::text[], @links::text[], @cloned_froms::bigint[])
       WITH ORDINALITY
       AS r (worker, action, data, queue, priority, max_attempts, run_at, created_by_id, created_by_name, category,
             ip_address, schedule_id, parent_id, object_type, object_id, timeout_seconds, name, log_message, trace_context,
             concurrency_key, concurrency_limit, created_at, tags, links, cloned_from, ord)
), inserted AS (
  INSERT INTO tasks (
    worker, action, data, queue, priority, status, progress, attempt, attempt_base, max_attempts,
    run_at, created_by_id, created_by_name, category, ip_address, schedule_id, parent_id,
    object_type, object_id, idempotency_key, timeout_seconds, created_at, updated_at, cancel_requested, name, trace_context,
    concurrency_key, concurrency_limit, tags, links, cloned_from)
  SELECT worker, action, data::json, queue, priority, 'pending', 0, 0, 0, max_attempts,
         run_at, created_by_id, created_by_name, category, ip_address, schedule_id, parent_id,
         object_type, object_id, NULL, timeout_seconds, created_at, created_at, false, name, trace_context,
         concurrency_key, concurrency_limit, tags, links, cloned_from
  FROM rows
  ORDER BY ord
  RETURNING *
), numbered AS (
  SELECT i.*, row_number() OVER (ORDER BY i.id) AS ord FROM inserted i
), logged AS (
  INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
  SELECT n.id, n.created_at, 'info', r.log_message, n.status, n.progress, n.processed, n.total, n.eta_seconds
  FROM numbered n JOIN rows r ON r.ord = n.ord
)
SELECT id FROM inserted ORDER BY id;
