-- After a batch of outcomes, in its transaction: when one of its tasks held a slot that counts over every node (it has
-- a concurrency key, or its queue has a global concurrency limit), a wake-up for every node's dispatcher, delivered at
-- commit. A task another node holds back for that limit then starts now, not at that node's next poll. Identical
-- notifications of one transaction are delivered once; a batch of tasks without such a slot sends nothing.
SELECT pg_notify(@channel::text, @payload::text)
FROM (
  SELECT 1
  FROM tasks t
  WHERE t.id = ANY (@ids::bigint[])
    AND (t.concurrency_key IS NOT NULL
         OR t.queue IN (SELECT q.name FROM queues q WHERE q.global_concurrency IS NOT NULL))
  LIMIT 1
) AS freed;
