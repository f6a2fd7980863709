SELECT w.*,
       (SELECT count(*) FROM tasks t WHERE t.worker = w.identifier AND t.deleted_at IS NULL) AS task_count
FROM workers w
WHERE (@identifier IS NULL OR w.identifier = @identifier)
ORDER BY w.identifier;
