-- The task events of the tasks of @ids and of their parents that ended in this transaction: one delivery per hook
-- that wants the event (a per-worker hook only for its worker's tasks). A task is only sent to hooks that existed when
-- it ended. The unique index on (hook, event, task, ended_at) makes a repeated write (a retried transaction, a stale
-- outcome of a task that has ended already) enqueue nothing twice.
INSERT INTO webhook_deliveries (webhook_id, event, task_id, task_ended_at, status, attempts, next_attempt_at, created_at, updated_at)
SELECT w.id, CASE t.status WHEN 'failed' THEN 'task.failed' ELSE 'task.completed' END, t.id, t.ended_at,
       'pending', 0, @now, @now, @now
FROM tasks t
JOIN webhooks w ON (w.worker IS NULL OR w.worker = t.worker)
               AND ((t.status = 'failed' AND w.task_failed) OR (t.status = 'completed' AND w.task_completed))
-- The tasks and their parents in one array, found by the primary key (an OR of the two sets would scan the whole table).
WHERE t.id = ANY (ARRAY(SELECT unnest(@ids::bigint[])
                        UNION
                        SELECT c.parent_id FROM tasks c WHERE c.id = ANY (@ids::bigint[]) AND c.parent_id IS NOT NULL))
  AND t.deleted_at IS NULL
  AND t.ended_at IS NOT NULL
  AND t.ended_at >= w.created_at
ON CONFLICT DO NOTHING;
