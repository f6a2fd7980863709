-- A webhook.test delivery to the hook @id, due now; no row when the hook does not exist.
INSERT INTO webhook_deliveries (webhook_id, event, status, attempts, next_attempt_at, created_at, updated_at)
SELECT id, 'webhook.test', 'pending', 0, @now, @now, @now
FROM webhooks
WHERE id = @id
RETURNING id;
