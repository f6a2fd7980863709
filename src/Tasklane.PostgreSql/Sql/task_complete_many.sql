-- Ends a batch of attempts in one statement; each outcome is one element of the parallel arrays.
-- A stale outcome (another node, another attempt, no longer running) changes nothing and logs nothing; a completed
-- attempt clears the error of an earlier failed one (that error stays in the log);
-- when one task has several matching outcomes the first one wins, as if they were applied in order.
-- A completed task with unfinished subtasks stays running, awaiting them, without a lease. A subtask completed by
-- an earlier outcome of the same batch counts as completed (unless it has unfinished subtasks of its own), as if
-- the outcomes were applied one by one.
WITH o AS (
  SELECT *
  FROM unnest(@ids::bigint[], @nodes::text[], @attempts::integer[], @statuses::text[], @ats::timestamptz[],
              @run_ats::timestamptz[], @errors::text[], @stack_traces::text[], @artifact_keys::text[],
              @artifact_names::text[], @artifact_sizes::bigint[], @response_codes::integer[],
              @response_messages::text[], @levels::text[], @messages::text[], @ords::integer[])
       AS o (id, node, attempt, status, at, run_at, error, stack_trace, artifact_key,
             artifact_name, artifact_size, response_code, response_message, level, message, ord)
), matched AS (
  SELECT DISTINCT ON (o.id) o.*
  FROM o
  JOIN tasks t ON t.id = o.id AND t.status = 'running' AND t.lease_owner = o.node AND t.attempt = o.attempt
  ORDER BY o.id, o.ord
), children AS (
  SELECT m.id,
         count(*) AS n_total,
         count(*) FILTER (WHERE c.status = 'completed' OR e.id IS NOT NULL) AS n_done
  FROM matched m
  JOIN tasks c ON c.parent_id = m.id AND c.deleted_at IS NULL
  LEFT JOIN matched e ON e.id = c.id AND e.ord < m.ord AND e.status = 'completed'
       AND NOT EXISTS (SELECT 1 FROM tasks g WHERE g.parent_id = e.id AND g.deleted_at IS NULL AND g.status <> 'completed')
  WHERE m.status = 'completed'
  GROUP BY m.id
), plan AS (
  SELECT m.*,
         COALESCE(ch.n_done < ch.n_total, false) AS awaits,
         ch.n_total,
         ch.n_done
  FROM matched m
  LEFT JOIN children ch ON ch.id = m.id
), done AS (
  UPDATE tasks t
  SET status = CASE WHEN p.awaits THEN t.status ELSE p.status END,
      awaiting_subtasks = CASE WHEN p.awaits THEN true ELSE t.awaiting_subtasks END,
      progress = CASE WHEN NOT p.awaits AND p.status = 'completed' THEN 100 ELSE t.progress END,
      error = CASE WHEN NOT p.awaits AND p.status IN ('failed', 'pending') THEN p.error
                   WHEN NOT p.awaits AND p.status = 'completed' THEN NULL ELSE t.error END,
      stack_trace = CASE WHEN NOT p.awaits AND p.status IN ('failed', 'pending') THEN p.stack_trace
                         WHEN NOT p.awaits AND p.status = 'completed' THEN NULL ELSE t.stack_trace END,
      run_at = CASE WHEN NOT p.awaits AND p.status = 'pending' THEN p.run_at ELSE t.run_at END,
      ended_at = CASE WHEN p.awaits THEN t.ended_at WHEN p.status = 'pending' THEN NULL ELSE p.at END,
      artifact_key = COALESCE(p.artifact_key, t.artifact_key),
      artifact_name = COALESCE(p.artifact_name, t.artifact_name),
      artifact_size = COALESCE(p.artifact_size, t.artifact_size),
      response_code = CASE WHEN p.awaits THEN t.response_code
                           ELSE COALESCE(p.response_code, CASE p.status WHEN 'completed' THEN 200 WHEN 'failed' THEN 500 ELSE t.response_code END)
                      END,
      response_message = CASE WHEN p.awaits THEN t.response_message
                              ELSE COALESCE(p.response_message, CASE p.status WHEN 'completed' THEN 'OK' WHEN 'failed' THEN p.error ELSE t.response_message END)
                         END,
      lease_owner = NULL,
      lease_expires_at = NULL,
      cancel_requested = CASE WHEN p.awaits THEN t.cancel_requested ELSE false END,
      updated_at = p.at
  FROM plan p
  WHERE t.id = p.id
  RETURNING t.id, t.status, t.progress, t.processed, t.total, t.eta_seconds, p.at,
            CASE WHEN p.awaits THEN 'info' ELSE p.level END AS level,
            CASE WHEN p.awaits THEN 'Waiting for ' || (p.n_total - p.n_done) || ' of ' || p.n_total || ' subtasks' ELSE p.message END AS message,
            p.ord
)
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT id, at, level, message, status, progress, processed, total, eta_seconds
FROM done
ORDER BY ord;
