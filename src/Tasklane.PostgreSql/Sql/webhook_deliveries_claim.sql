-- Claims the due pending deliveries, oldest first: counts the attempt and sets the lease (due again at @lease_until
-- unless recorded before). Rows another node is claiming are skipped, not waited for.
UPDATE webhook_deliveries
SET attempts = attempts + 1,
    next_attempt_at = @lease_until,
    updated_at = @now
WHERE id IN (SELECT id
             FROM webhook_deliveries
             WHERE status = 'pending'
               AND next_attempt_at <= @now
             ORDER BY next_attempt_at, id
             LIMIT @limit
             FOR UPDATE SKIP LOCKED)
RETURNING id;
