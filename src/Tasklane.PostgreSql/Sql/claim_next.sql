-- A whole claim in one statement, for a claim with no queue limit to count (no global concurrency or rate, no per-node
-- slot but "none left"): locks up to @limit due tasks in claim order, skipping rows other nodes are claiming, and starts
-- them under a lease with a log line each. A concurrency key needs counts read after its lock, by statements of their
-- own (claim_key_counts): when the window holds a task with a key, it starts none and says so (claim_keyed), and the
-- claim is planned window by window instead (claim_candidates). Queues in @full_queues are paused or have no slot left.
-- Always at least one row: with nothing started, one row of nulls that carries only claim_keyed.
WITH candidates AS (
  SELECT id, concurrency_key
  FROM tasks
  WHERE status = 'pending'
    AND deleted_at IS NULL
    AND run_at <= @now
    AND worker = ANY (@workers::text[])
    AND queue <> ALL (@full_queues::text[])
    -- A subtask waits until every task it depends on has completed.
    AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks dep ON dep.id = d.depends_on_id
                    WHERE d.task_id = tasks.id AND dep.status <> 'completed')
  ORDER BY priority_rank, run_at, id
  LIMIT @limit
  FOR NO KEY UPDATE SKIP LOCKED
), keyed AS (
  SELECT EXISTS (SELECT 1 FROM candidates WHERE concurrency_key IS NOT NULL) AS claim_keyed
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
    AND NOT (SELECT claim_keyed FROM keyed)
  RETURNING *
), logged AS (
  INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
  SELECT id, @now, 'info', 'Started attempt ' || attempt || ' on node ' || @node::text,
         status, progress, processed, total, eta_seconds
  FROM claimed
  ORDER BY priority_rank, run_at, id
)
SELECT claimed.*, keyed.claim_keyed
FROM keyed
LEFT JOIN claimed ON true
ORDER BY claimed.priority_rank, claimed.run_at, claimed.id;
