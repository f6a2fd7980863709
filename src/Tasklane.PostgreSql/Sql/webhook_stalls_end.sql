-- Ends the stall episodes of the queues that are not in @queues (they caught up).
DELETE FROM webhook_queue_stalls
WHERE queue NOT IN (SELECT unnest(@queues::text[]));
