-- Inserts a batch of tasks without idempotency keys, one per element of the parallel arrays, in order, each with its
-- first log line at its creation time; returns their ids in order. The ids are drawn from the tasks' own sequence
-- first, in the batch's order, so the log lines take them from the same rows: no RETURNING of the inserted rows and no
-- join back to find which id is whose. A new task's log line has the state every new task has (pending, progress 0).
WITH rows AS (
  SELECT nextval(s.seq) AS id, r.*
  FROM (SELECT pg_get_serial_sequence('tasks', 'id')::regclass AS seq) s,
       unnest(@workers::text[], @actions::text[], @datas::text[], @queues::text[], @priorities::text[],
              @max_attempts::integer[], @run_ats::timestamptz[], @created_by_ids::bigint[], @created_by_names::text[],
              @categories::text[], @ip_addresses::text[], @schedule_ids::text[], @parent_ids::bigint[],
              @object_types::text[], @object_ids::text[], @timeout_seconds::integer[], @names::text[], @log_messages::text[],
              @trace_contexts::text[], @concurrency_keys::text[], @concurrency_limits::integer[], @created_ats::timestamptz[],
              @tags::text[], @links::text[], @cloned_froms::bigint[])
       WITH ORDINALITY
       AS r (worker, action, data, queue, priority, max_attempts, run_at, created_by_id, created_by_name, category,
             ip_address, schedule_id, parent_id, object_type, object_id, timeout_seconds, name, log_message, trace_context,
             concurrency_key, concurrency_limit, created_at, tags, links, cloned_from, ord)
  ORDER BY r.ord
), inserted AS (
  INSERT INTO tasks (
    id, worker, action, data, queue, priority, status, progress, attempt, attempt_base, max_attempts,
    run_at, created_by_id, created_by_name, category, ip_address, schedule_id, parent_id,
    object_type, object_id, idempotency_key, timeout_seconds, created_at, updated_at, cancel_requested, name, trace_context,
    concurrency_key, concurrency_limit, tags, links, cloned_from)
  SELECT id, worker, action, data::json, queue, priority, 'pending', 0, 0, 0, max_attempts,
         run_at, created_by_id, created_by_name, category, ip_address, schedule_id, parent_id,
         object_type, object_id, NULL, timeout_seconds, created_at, created_at, false, name, trace_context,
         concurrency_key, concurrency_limit, tags, links, cloned_from
  FROM rows
  ORDER BY id
), logged AS (
  INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
  SELECT id, created_at, 'info', log_message, 'pending', 0, NULL, NULL, NULL
  FROM rows
  ORDER BY id
)
SELECT id FROM rows ORDER BY ord;
