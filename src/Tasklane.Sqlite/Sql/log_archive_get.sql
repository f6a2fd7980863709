-- The task's archived chunks that hold lines after @after, oldest first.
SELECT first_seq, last_seq, lines, content FROM task_log_archives
WHERE task_id = @task_id AND last_seq > @after
ORDER BY last_seq
LIMIT @limit;
