-- Ends a batch of attempts in one statement; each outcome is one element of the parallel arrays.
-- A stale outcome (another node, another attempt, no longer running) changes nothing and logs nothing;
-- when one task has several matching outcomes the first one wins, as if they were applied in order.
WITH o AS (
  SELECT *
  FROM unnest(@ids::bigint[], @nodes::text[], @attempts::integer[], @statuses::text[], @ats::timestamptz[],
              @run_ats::timestamptz[], @errors::text[], @stack_traces::text[], @artifact_keys::text[],
              @artifact_names::text[], @artifact_sizes::bigint[], @levels::text[], @messages::text[],
              @ords::integer[])
       AS o (id, node, attempt, status, at, run_at, error, stack_trace, artifact_key,
             artifact_name, artifact_size, level, message, ord)
), matched AS (
  SELECT DISTINCT ON (o.id) o.*
  FROM o
  JOIN tasks t ON t.id = o.id AND t.status = 'running' AND t.lease_owner = o.node AND t.attempt = o.attempt
  ORDER BY o.id, o.ord
), done AS (
  UPDATE tasks t
  SET status = m.status,
      progress = CASE WHEN m.status = 'completed' THEN 100 ELSE t.progress END,
      error = CASE WHEN m.status IN ('failed', 'pending') THEN m.error ELSE t.error END,
      stack_trace = CASE WHEN m.status IN ('failed', 'pending') THEN m.stack_trace ELSE t.stack_trace END,
      run_at = CASE WHEN m.status = 'pending' THEN m.run_at ELSE t.run_at END,
      ended_at = CASE WHEN m.status = 'pending' THEN NULL ELSE m.at END,
      artifact_key = COALESCE(m.artifact_key, t.artifact_key),
      artifact_name = COALESCE(m.artifact_name, t.artifact_name),
      artifact_size = COALESCE(m.artifact_size, t.artifact_size),
      lease_owner = NULL,
      lease_expires_at = NULL,
      cancel_requested = false,
      updated_at = m.at
  FROM matched m
  WHERE t.id = m.id
  RETURNING t.id, t.status, t.progress, t.processed, t.total, t.eta_seconds, m.at, m.level, m.message, m.ord
)
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT id, at, level, message, status, progress, processed, total, eta_seconds
FROM done
ORDER BY ord;
