-- Search of 3 characters or more (ignoring case): the id, a substring of worker, action or message through the
-- trigram index on their joined text (chr(31) between them, which no search contains), of the data (the trigram
-- index of task_search_data, written at insert only), or of the error of a failed task (the failed tasks only, found
-- by status, their error compared row by row).
AND (id = @search_id
     OR (worker || chr(31) || action || chr(31) || coalesce(message, '')) ILIKE @search_like ESCAPE '\'
     OR id IN (SELECT s.task_id FROM task_search_data s WHERE s.data ILIKE @search_like ESCAPE '\')
     OR id IN (SELECT e.id FROM tasks e WHERE e.status = 'failed' AND e.deleted_at IS NULL AND e.error ILIKE @search_like ESCAPE '\'))
