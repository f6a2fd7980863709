-- One window of due tasks in claim order, after the keyset cursor of the previous window.
-- Queues in @full_queues (a JSON array) have no slot left, or are paused, and are skipped; so are tasks whose
-- concurrency key is in @full_keys (no slot left for the key).
-- INDEXED BY: walk the claim index in claim order and stop at the window, instead of sorting every due row.
SELECT id, queue, priority_rank, run_at, concurrency_key, concurrency_limit
FROM tasks INDEXED BY ix_tasks_claim
WHERE status = 'pending'
  AND deleted_at IS NULL
  AND run_at <= @now
  AND worker IN (SELECT value FROM json_each(@workers))
  AND queue NOT IN (SELECT value FROM json_each(@full_queues))
  AND (concurrency_key IS NULL OR concurrency_key NOT IN (SELECT value FROM json_each(@full_keys)))
  -- A subtask waits until every task it depends on has completed.
  AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks dep ON dep.id = d.depends_on_id
                  WHERE d.task_id = tasks.id AND dep.status <> 'completed')
  AND (@after_id IS NULL OR (priority_rank, run_at, id) > (@after_rank, @after_run_at, @after_id))
ORDER BY priority_rank, run_at, id
LIMIT @window;
