-- The limited queues a claim may take tasks of (@names, a JSON array), with their rate buckets; the write transaction
-- already holds the database. Then how many tasks of each hold a slot (running under a lease; a parent awaiting its
-- subtasks holds none).
SELECT name, paused, global_concurrency, rate_per_second, rate_tokens, rate_tokens_at
FROM queues
WHERE name IN (SELECT value FROM json_each(@names))
ORDER BY name;

SELECT queue, COUNT(*)
FROM tasks
WHERE status = 'running'
  AND lease_owner IS NOT NULL
  AND queue IN (SELECT value FROM json_each(@names))
GROUP BY queue;
