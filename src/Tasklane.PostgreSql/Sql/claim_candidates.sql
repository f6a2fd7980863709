-- Locks one window of due tasks in claim order, after the keyset cursor of the previous window.
-- Rows another node is claiming right now are skipped, not waited for. Queues in @full_queues have no slot left or are
-- paused; tasks whose concurrency key is in @full_keys have no slot left for the key.
SELECT id, queue, priority_rank, run_at, concurrency_key, concurrency_limit
FROM tasks
WHERE status = 'pending'
  AND deleted_at IS NULL
  AND run_at <= @now
  AND worker = ANY (@workers::text[])
  AND queue <> ALL (@full_queues::text[])
  AND (concurrency_key IS NULL OR concurrency_key <> ALL (@full_keys::text[]))
  -- A subtask waits until every task it depends on has completed.
  AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks dep ON dep.id = d.depends_on_id
                  WHERE d.task_id = tasks.id AND dep.status <> 'completed')
  AND (@after_id::bigint IS NULL
       OR (priority_rank, run_at, id) > (@after_rank::smallint, @after_run_at::timestamptz, @after_id::bigint))
ORDER BY priority_rank, run_at, id
LIMIT @window
FOR NO KEY UPDATE SKIP LOCKED;
