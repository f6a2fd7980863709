-- When the earliest pending delivery is due (null when none is pending): the delivery loop reads it before it claims,
-- so a turn with nothing due writes nothing, and the loop sleeps until then.
SELECT MIN(next_attempt_at)
FROM webhook_deliveries
WHERE status = 'pending';
