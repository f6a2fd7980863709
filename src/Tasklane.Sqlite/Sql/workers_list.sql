SELECT w.*,
       IFNULL((SELECT SUM(c.pending + c.running + c.completed + c.failed + c.cancelled)
               FROM task_counts c WHERE c.worker = w.identifier), 0) AS task_count
FROM workers w
WHERE (@identifier IS NULL OR w.identifier = @identifier)
ORDER BY w.identifier;
