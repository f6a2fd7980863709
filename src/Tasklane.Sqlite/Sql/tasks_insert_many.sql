-- Inserts a batch of tasks, one per element of @rows (a JSON array of arrays, in the column order below), in order.
INSERT INTO tasks (
  worker, action, data, queue, priority, status, progress, attempt, attempt_base, max_attempts,
  run_at, created_by_id, created_by_name, category, ip_address, schedule_id, parent_id,
  object_type, object_id, idempotency_key, timeout_seconds, created_at, updated_at, cancel_requested, name, trace_context,
  concurrency_key, concurrency_limit, tags, links, cloned_from)
SELECT
  json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
  json_extract(value, '$[4]'), 'pending', 0, 0, 0, json_extract(value, '$[5]'),
  json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]'), json_extract(value, '$[9]'),
  json_extract(value, '$[10]'), json_extract(value, '$[11]'), json_extract(value, '$[12]'),
  json_extract(value, '$[13]'), json_extract(value, '$[14]'), NULL, json_extract(value, '$[15]'),
  json_extract(value, '$[16]'), json_extract(value, '$[16]'), 0, json_extract(value, '$[17]'), json_extract(value, '$[18]'),
  json_extract(value, '$[19]'), json_extract(value, '$[20]'),
  json_extract(value, '$[21]'), json_extract(value, '$[22]'), json_extract(value, '$[23]')
FROM json_each(@rows)
ORDER BY key
RETURNING id;
