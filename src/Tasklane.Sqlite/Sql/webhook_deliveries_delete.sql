-- Retention: delivered and failed deliveries written before @before.
DELETE FROM webhook_deliveries
WHERE created_at < @before
  AND status <> 'pending';
