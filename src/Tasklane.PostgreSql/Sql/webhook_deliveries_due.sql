-- Whether any pending delivery is due: the read the sender makes before it claims (through ix_webhook_deliveries_due),
-- so that a node with hooks and nothing to send only reads.
SELECT EXISTS (SELECT 1
               FROM webhook_deliveries
               WHERE status = 'pending'
                 AND next_attempt_at <= @now);
