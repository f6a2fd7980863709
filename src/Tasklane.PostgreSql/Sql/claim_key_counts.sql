-- Takes the transaction's advisory lock of each concurrency key in @keys (sorted) without waiting: a key another node
-- is claiming right now is left for the next claim. Returns the keys taken. Their counts are read by a statement of
-- their own, after the locks, so that they see every claim committed before.
SELECT k
FROM (SELECT k FROM unnest(@keys::text[]) AS k ORDER BY k) AS sorted
WHERE pg_try_advisory_xact_lock(7317, hashtext(current_schema() || ':' || k));

-- How many tasks with each of the keys hold a slot (running under a lease; a parent awaiting its subtasks holds none).
SELECT concurrency_key, COUNT(*)
FROM tasks
WHERE status = 'running'
  AND concurrency_key = ANY (@keys::text[])
  AND lease_owner IS NOT NULL
GROUP BY concurrency_key;
