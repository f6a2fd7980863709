-- Search of 1 or 2 characters (too short for trigrams): the id, or a substring of worker, action, message, data or
-- the error of a failed task, row by row.
AND (id = @search_id
     OR worker LIKE @search_like ESCAPE '\'
     OR action LIKE @search_like ESCAPE '\'
     OR message LIKE @search_like ESCAPE '\'
     OR data LIKE @search_like ESCAPE '\'
     OR (status = 'failed' AND error LIKE @search_like ESCAPE '\'))
