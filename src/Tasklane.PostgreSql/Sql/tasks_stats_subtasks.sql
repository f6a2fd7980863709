-- Live subtasks created in [@from, @to] (visible to @visible_to when set) by status: the statistics show them as their
-- own figure. A range of ix_tasks_subtasks_created_at, which holds subtasks only.
SELECT status, count(*)::bigint
FROM tasks
WHERE parent_id IS NOT NULL AND deleted_at IS NULL AND created_at >= @from::timestamptz AND created_at <= @to::timestamptz
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
GROUP BY status;
