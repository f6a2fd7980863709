-- A whole claim in one statement, for a claim with no queue limit to count (no global concurrency or rate, no per-node
-- slot but "none left"): locks up to @limit due tasks in claim order, skipping rows other nodes are claiming, and starts
-- them under a lease with a log line each. The queue configuration is read here, in the claim's own snapshot (no cache,
-- no round trip of its own): paused queues are left out; a window that holds a task of a queue with a global concurrency
-- or a rate, or a task with a concurrency key (whose counts need statements of their own, read after its lock:
-- claim_key_counts), starts none and says so (claim_planned), and the claim is planned window by window instead
-- (claim_candidates). Queues in @full_queues have no slot left on this node.
-- Always at least one row: with nothing started, one row of nulls that carries only claim_planned.
WITH candidates AS (
  SELECT id, queue, concurrency_key
  FROM tasks
  WHERE status = 'pending'
    AND deleted_at IS NULL
    AND run_at <= @now
    AND worker = ANY (@workers::text[])
    AND queue <> ALL (@full_queues::text[])
    AND queue <> ALL (ARRAY(SELECT name FROM queues WHERE paused))
    -- A subtask waits until every task it depends on has completed.
    AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks dep ON dep.id = d.depends_on_id
                    WHERE d.task_id = tasks.id AND dep.status <> 'completed')
  ORDER BY priority_rank, run_at, id
  LIMIT @limit
  FOR NO KEY UPDATE SKIP LOCKED
), planned AS (
  SELECT EXISTS (SELECT 1 FROM candidates WHERE concurrency_key IS NOT NULL)
      OR EXISTS (SELECT 1 FROM candidates c JOIN queues q ON q.name = c.queue
                 WHERE q.global_concurrency IS NOT NULL OR q.rate_per_second IS NOT NULL) AS claim_planned
), claimed AS (
  UPDATE tasks
  SET status = 'running',
      attempt = attempt + 1,
      started_at = @now,
      updated_at = @now,
      ended_at = NULL,
      lease_owner = @node::text,
      lease_expires_at = @lease_expires_at,
      cancel_requested = false
  WHERE id IN (SELECT id FROM candidates)
    AND status = 'pending'
    AND NOT (SELECT claim_planned FROM planned)
  RETURNING *
), logged AS (
  INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
  SELECT id, @now, 'info', 'Started attempt ' || attempt || ' on node ' || @node::text,
         status, progress, processed, total, eta_seconds
  FROM claimed
  ORDER BY priority_rank, run_at, id
)
SELECT claimed.*, planned.claim_planned
FROM planned
LEFT JOIN claimed ON true
ORDER BY claimed.priority_rank, claimed.run_at, claimed.id;
