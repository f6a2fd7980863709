-- Two result sets: the total that matched, then one page, newest first.
-- Every filter is optional: a NULL parameter means "any". ILIKE: matches ignore case, as in SQLite.
SELECT COUNT(*)
FROM tasks
WHERE deleted_at IS NULL
  AND (@status::text IS NULL OR status = @status::text)
  AND (@worker::text IS NULL OR worker = @worker::text)
  AND (@action::text IS NULL OR action = @action::text)
  AND (@queue::text IS NULL OR queue = @queue::text)
  AND (@id::bigint IS NULL OR id = @id::bigint)
  AND (@from::timestamptz IS NULL OR created_at >= @from::timestamptz)
  AND (@to::timestamptz IS NULL OR created_at <= @to::timestamptz)
  AND (@object_type::text IS NULL OR object_type = @object_type::text)
  AND (@object_id::text IS NULL OR object_id = @object_id::text)
  AND (@category::text IS NULL OR category = @category::text)
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
  AND (@parent_id::bigint IS NULL OR parent_id = @parent_id::bigint)
  -- Subtasks are left out unless asked for by their parent or by object.
  AND (parent_id IS NULL OR @parent_id::bigint IS NOT NULL OR @object_type::text IS NOT NULL OR @object_id::text IS NOT NULL)
  AND (@user_like::text IS NULL OR created_by_name ILIKE @user_like::text ESCAPE '\')
  AND (@search_like::text IS NULL
       OR id = @search_id::bigint
       OR worker ILIKE @search_like::text ESCAPE '\'
       OR action ILIKE @search_like::text ESCAPE '\'
       OR message ILIKE @search_like::text ESCAPE '\');

SELECT *
FROM tasks
WHERE deleted_at IS NULL
  AND (@status::text IS NULL OR status = @status::text)
  AND (@worker::text IS NULL OR worker = @worker::text)
  AND (@action::text IS NULL OR action = @action::text)
  AND (@queue::text IS NULL OR queue = @queue::text)
  AND (@id::bigint IS NULL OR id = @id::bigint)
  AND (@from::timestamptz IS NULL OR created_at >= @from::timestamptz)
  AND (@to::timestamptz IS NULL OR created_at <= @to::timestamptz)
  AND (@object_type::text IS NULL OR object_type = @object_type::text)
  AND (@object_id::text IS NULL OR object_id = @object_id::text)
  AND (@category::text IS NULL OR category = @category::text)
  AND (@visible_to::bigint IS NULL OR created_by_id = @visible_to::bigint)
  AND (@parent_id::bigint IS NULL OR parent_id = @parent_id::bigint)
  -- Subtasks are left out unless asked for by their parent or by object.
  AND (parent_id IS NULL OR @parent_id::bigint IS NOT NULL OR @object_type::text IS NOT NULL OR @object_id::text IS NOT NULL)
  AND (@user_like::text IS NULL OR created_by_name ILIKE @user_like::text ESCAPE '\')
  AND (@search_like::text IS NULL
       OR id = @search_id::bigint
       OR worker ILIKE @search_like::text ESCAPE '\'
       OR action ILIKE @search_like::text ESCAPE '\'
       OR message ILIKE @search_like::text ESCAPE '\')
ORDER BY id DESC
LIMIT @limit OFFSET @offset;
