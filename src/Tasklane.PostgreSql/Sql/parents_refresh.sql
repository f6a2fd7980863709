-- Recomputes the parents of the tasks @ids (and those tasks, when they have subtasks): progress is the share of completed subtasks (rounded to two decimals,
-- half to even, as the SQLite store does), whatever the parent's status (a completed parent stays at 100); an awaiting
-- parent ends failed when a subtask has failed, else cancelled when one was cancelled, else completed when all have
-- completed, with one log line. Parents are locked in id order (the caller usually holds them already).
WITH parents AS (
  SELECT id, status, awaiting_subtasks
  FROM tasks
  -- the parents, and the tasks themselves too (one that has just begun to await may find a step already failed); in
  -- one array, so that the rows are found by the primary key (an OR of the two sets would scan the whole table)
  WHERE id = ANY (ARRAY(SELECT unnest(@ids::bigint[])
                        UNION
                        SELECT parent_id FROM tasks WHERE id = ANY (@ids::bigint[]) AND parent_id IS NOT NULL))
  ORDER BY id
  FOR NO KEY UPDATE
), counts AS (
  SELECT p.id,
         p.status,
         p.awaiting_subtasks,
         count(*) AS n_total,
         count(*) FILTER (WHERE c.status = 'completed') AS n_completed,
         count(*) FILTER (WHERE c.status = 'failed') AS n_failed,
         count(*) FILTER (WHERE c.status = 'cancelled') AS n_cancelled
  FROM parents p
  JOIN tasks c ON c.parent_id = p.id AND c.deleted_at IS NULL
  GROUP BY p.id, p.status, p.awaiting_subtasks
), plan AS (
  SELECT c.id,
         round(100.0::float8 * c.n_completed::float8 / c.n_total::float8 * 100.0::float8) / 100.0::float8 AS progress,
         c.status = 'running' AND c.awaiting_subtasks
           AND (c.n_failed > 0 OR c.n_cancelled > 0 OR c.n_completed = c.n_total) AS finish,
         CASE WHEN c.n_failed > 0 THEN 'failed' WHEN c.n_cancelled > 0 THEN 'cancelled' ELSE 'completed' END AS outcome,
         CASE WHEN c.n_failed > 0 THEN 'Subtask ''' || f.name || ''' failed: ' || f.reason
              WHEN c.n_cancelled > 0 THEN 'Subtask ''' || x.name || ''' was cancelled'
              ELSE 'All ' || c.n_total || ' subtasks completed'
         END AS message
  FROM counts c
  LEFT JOIN LATERAL (
    SELECT COALESCE(s.name, '?') AS name, COALESCE(s.error, 'failed') AS reason
    FROM tasks s
    WHERE s.parent_id = c.id AND s.deleted_at IS NULL AND s.status = 'failed'
    ORDER BY s.id
    LIMIT 1) f ON c.n_failed > 0
  LEFT JOIN LATERAL (
    SELECT COALESCE(s.name, '?') AS name
    FROM tasks s
    WHERE s.parent_id = c.id AND s.deleted_at IS NULL AND s.status = 'cancelled'
    ORDER BY s.id
    LIMIT 1) x ON c.n_failed = 0 AND c.n_cancelled > 0
), updated AS (
  UPDATE tasks t
  SET status = CASE WHEN p.finish THEN p.outcome ELSE t.status END,
      progress = CASE WHEN p.finish AND p.outcome = 'completed' THEN 100 ELSE p.progress END,
      error = CASE WHEN p.finish AND p.outcome = 'failed' THEN p.message ELSE t.error END,
      awaiting_subtasks = CASE WHEN p.finish THEN false ELSE t.awaiting_subtasks END,
      ended_at = CASE WHEN p.finish THEN @now ELSE t.ended_at END,
      updated_at = @now
  FROM plan p
  WHERE t.id = p.id
    AND t.status <> 'completed'
  RETURNING t.id, t.status, t.progress, t.processed, t.total, t.eta_seconds, p.finish, p.outcome, p.message
)
INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT id, @now, CASE WHEN outcome = 'failed' THEN 'error' ELSE 'info' END, message, status, progress, processed, total, eta_seconds
FROM updated
WHERE finish
ORDER BY id;
