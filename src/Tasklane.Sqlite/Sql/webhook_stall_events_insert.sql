-- One queue.stalled delivery of @queue per hook that wants it; a per-worker hook only when its worker has a task
-- waiting in the queue since @due_before or longer.
INSERT INTO webhook_deliveries (webhook_id, event, queue, oldest_due_at, status, attempts, next_attempt_at, created_at, updated_at)
SELECT w.id, 'queue.stalled', @queue, @oldest_due_at, 'pending', 0, @now, @now, @now
FROM webhooks w
WHERE w.queue_stalled
  AND (w.worker IS NULL
       OR EXISTS (SELECT 1 FROM tasks t
                  WHERE t.queue = @queue AND t.worker = w.worker AND t.status = 'pending'
                    AND t.deleted_at IS NULL AND t.run_at <= @due_before));
