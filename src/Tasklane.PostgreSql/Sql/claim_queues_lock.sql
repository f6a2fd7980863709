-- Locks the limited queues a claim may take tasks of, in name order, until the claim commits: claims of every node
-- that a limit applies to take their turn here, so each counts what the others have started. Then how many tasks of
-- each hold a slot (running under a lease; a parent awaiting its subtasks holds none), read after the lock.
SELECT name, paused, global_concurrency, rate_per_second, rate_tokens, rate_tokens_at
FROM queues
WHERE name = ANY (@names::text[])
ORDER BY name
FOR UPDATE;

SELECT queue, COUNT(*)
FROM tasks
WHERE status = 'running'
  AND lease_owner IS NOT NULL
  AND queue = ANY (@names::text[])
GROUP BY queue;
