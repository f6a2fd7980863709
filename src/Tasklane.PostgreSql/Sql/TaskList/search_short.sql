-- Search of 1 or 2 characters (too short for trigrams): the id, or a substring of worker, action, message, data or
-- the error of a failed task, row by row.
AND (id = @search_id
     OR worker ILIKE @search_like ESCAPE '\'
     OR action ILIKE @search_like ESCAPE '\'
     OR message ILIKE @search_like ESCAPE '\'
     OR data::text ILIKE @search_like ESCAPE '\'
     OR (status = 'failed' AND error ILIKE @search_like ESCAPE '\'))
