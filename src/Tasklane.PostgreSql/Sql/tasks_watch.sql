-- The live tasks among @ids, each with the sequence number of its last log line in the store (0: none).
SELECT t.*, COALESCE((SELECT MAX(l.id) FROM task_logs l WHERE l.task_id = t.id), 0) AS last_seq
FROM tasks t
WHERE t.id = ANY (@ids::bigint[]) AND t.deleted_at IS NULL;
