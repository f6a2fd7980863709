-- Ends a batch of attempts in one statement; @outcomes is a JSON array of outcome arrays (see SqliteOutcomeRows).
-- A stale outcome (another node, another attempt, no longer running) changes nothing. A completed attempt clears the
-- error of an earlier failed one (that error stays in the log). Returns the ids of the tasks that changed.
UPDATE tasks
SET status = o.status,
    progress = CASE WHEN o.status = 'completed' THEN 100 ELSE tasks.progress END,
    error = CASE WHEN o.status IN ('failed', 'pending') THEN o.error WHEN o.status = 'completed' THEN NULL ELSE tasks.error END,
    stack_trace = CASE WHEN o.status IN ('failed', 'pending') THEN o.stack_trace WHEN o.status = 'completed' THEN NULL ELSE tasks.stack_trace END,
    run_at = CASE WHEN o.status = 'pending' THEN o.run_at ELSE tasks.run_at END,
    ended_at = CASE WHEN o.status = 'pending' THEN NULL ELSE o.at END,
    artifact_key = COALESCE(o.artifact_key, tasks.artifact_key),
    artifact_name = COALESCE(o.artifact_name, tasks.artifact_name),
    artifact_size = COALESCE(o.artifact_size, tasks.artifact_size),
    response_code = COALESCE(o.response_code, CASE o.status WHEN 'completed' THEN 200 WHEN 'failed' THEN 500 ELSE tasks.response_code END),
    response_message = COALESCE(o.response_message, CASE o.status WHEN 'completed' THEN 'OK' WHEN 'failed' THEN o.error ELSE tasks.response_message END),
    lease_owner = NULL,
    lease_expires_at = NULL,
    cancel_requested = 0,
    updated_at = o.at
FROM (
  SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS node, json_extract(value, '$[2]') AS attempt,
         json_extract(value, '$[3]') AS status, json_extract(value, '$[4]') AS at, json_extract(value, '$[5]') AS run_at,
         json_extract(value, '$[6]') AS error, json_extract(value, '$[7]') AS stack_trace,
         json_extract(value, '$[8]') AS artifact_key, json_extract(value, '$[9]') AS artifact_name,
         json_extract(value, '$[10]') AS artifact_size, json_extract(value, '$[11]') AS response_code,
         json_extract(value, '$[12]') AS response_message
  FROM json_each(@outcomes)
) AS o
WHERE tasks.id = o.id
  AND tasks.status = 'running'
  AND tasks.lease_owner = o.node
  AND tasks.attempt = o.attempt
RETURNING tasks.id;
