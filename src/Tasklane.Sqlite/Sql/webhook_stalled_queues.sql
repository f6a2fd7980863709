-- The queues whose oldest due, claimable pending task has been due since @due_before or longer, with that time.
SELECT queue, min(run_at)
FROM tasks
WHERE status = 'pending'
  AND deleted_at IS NULL
  AND run_at <= @due_before
  -- A subtask that waits for its dependencies is not stalled.
  AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks dep ON dep.id = d.depends_on_id
                  WHERE d.task_id = tasks.id AND dep.status <> 'completed')
GROUP BY queue
ORDER BY queue;
