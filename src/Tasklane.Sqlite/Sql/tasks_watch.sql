-- The live tasks among @ids (a JSON array), each with the sequence number of its last log line in the store (0: none).
SELECT t.*, IFNULL((SELECT MAX(l.id) FROM task_logs l WHERE l.task_id = t.id), 0) AS last_seq
FROM tasks t
WHERE t.id IN (SELECT value FROM json_each(@ids)) AND t.deleted_at IS NULL;
