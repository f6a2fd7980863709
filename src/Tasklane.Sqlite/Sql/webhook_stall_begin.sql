-- Begins the stall episode of @queue; no row when it is in one already (also when another node began it just now).
INSERT INTO webhook_queue_stalls (queue, since)
VALUES (@queue, @now)
ON CONFLICT (queue) DO NOTHING
RETURNING queue;
