-- Two result sets: the total that matched, then one page, newest first.
-- Every filter is optional: a NULL parameter means "any".
SELECT COUNT(*)
FROM tasks
WHERE deleted_at IS NULL
  AND (@status IS NULL OR status = @status)
  AND (@worker IS NULL OR worker = @worker)
  AND (@action IS NULL OR action = @action)
  AND (@queue IS NULL OR queue = @queue)
  AND (@id IS NULL OR id = @id)
  AND (@from IS NULL OR created_at >= @from)
  AND (@to IS NULL OR created_at <= @to)
  AND (@object_type IS NULL OR object_type = @object_type)
  AND (@object_id IS NULL OR object_id = @object_id)
  AND (@category IS NULL OR category = @category)
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
  AND (@parent_id IS NULL OR parent_id = @parent_id)
  AND (parent_id IS NULL OR @parent_id IS NOT NULL OR @object_type IS NOT NULL OR @object_id IS NOT NULL)
  AND (@user_like IS NULL OR created_by_name LIKE @user_like ESCAPE '\')
  AND (@search_like IS NULL
       OR id = @search_id
       OR worker LIKE @search_like ESCAPE '\'
       OR action LIKE @search_like ESCAPE '\'
       OR message LIKE @search_like ESCAPE '\');

SELECT *
FROM tasks
WHERE deleted_at IS NULL
  AND (@status IS NULL OR status = @status)
  AND (@worker IS NULL OR worker = @worker)
  AND (@action IS NULL OR action = @action)
  AND (@queue IS NULL OR queue = @queue)
  AND (@id IS NULL OR id = @id)
  AND (@from IS NULL OR created_at >= @from)
  AND (@to IS NULL OR created_at <= @to)
  AND (@object_type IS NULL OR object_type = @object_type)
  AND (@object_id IS NULL OR object_id = @object_id)
  AND (@category IS NULL OR category = @category)
  AND (@visible_to IS NULL OR created_by_id = @visible_to)
  AND (@parent_id IS NULL OR parent_id = @parent_id)
  AND (parent_id IS NULL OR @parent_id IS NOT NULL OR @object_type IS NOT NULL OR @object_id IS NOT NULL)
  AND (@user_like IS NULL OR created_by_name LIKE @user_like ESCAPE '\')
  AND (@search_like IS NULL
       OR id = @search_id
       OR worker LIKE @search_like ESCAPE '\'
       OR action LIKE @search_like ESCAPE '\'
       OR message LIKE @search_like ESCAPE '\')
ORDER BY id DESC
LIMIT @limit OFFSET @offset;
