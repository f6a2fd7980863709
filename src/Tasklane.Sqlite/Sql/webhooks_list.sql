-- Every hook (or the one of @id) with its newest delivery.
SELECT w.id, w.url, w.worker, w.task_failed, w.task_completed, w.queue_stalled, w.secret, w.created_at,
       d.id AS last_id, d.event AS last_event, d.status AS last_status, d.attempts AS last_attempts,
       d.last_status_code, d.last_error, d.updated_at AS last_updated_at
FROM webhooks w
LEFT JOIN webhook_deliveries d ON d.id = (SELECT max(x.id) FROM webhook_deliveries x WHERE x.webhook_id = w.id)
WHERE @id IS NULL OR w.id = @id
ORDER BY w.id;
