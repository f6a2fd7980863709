-- Live subtasks created in [@from, @to] (visible to @visible_to when set) by status: the statistics show them as their
-- own figure. A range of ix_tasks_subtasks_created_at, which holds subtasks only.
SELECT status, COUNT(*)
FROM tasks
WHERE parent_id IS NOT NULL AND deleted_at IS NULL AND created_at >= @from AND created_at <= @to
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
GROUP BY status;
