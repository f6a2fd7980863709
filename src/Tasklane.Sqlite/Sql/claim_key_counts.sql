-- The keys a claim may take (every one of @keys, a JSON array: the write transaction already holds the database),
-- then how many tasks with each hold a slot (running under a lease; a parent awaiting its subtasks holds none).
SELECT value FROM json_each(@keys);

SELECT concurrency_key, COUNT(*)
FROM tasks
WHERE status = 'running'
  AND concurrency_key IN (SELECT value FROM json_each(@keys))
  AND lease_owner IS NOT NULL
GROUP BY concurrency_key;
