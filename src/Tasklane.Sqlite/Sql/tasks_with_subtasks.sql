-- Which of the given tasks (a JSON array of ids) have subtasks.
SELECT DISTINCT parent_id FROM tasks
WHERE parent_id IN (SELECT value FROM json_each(@ids)) AND deleted_at IS NULL;
