-- The claimed deliveries of @ids with their hooks.
SELECT d.id, d.webhook_id, w.url, w.secret, d.event, d.task_id, d.queue, d.oldest_due_at, d.attempts, d.created_at, d.body
FROM webhook_deliveries d
JOIN webhooks w ON w.id = d.webhook_id
WHERE d.id IN (SELECT unnest(@ids::bigint[]))
ORDER BY d.id;
