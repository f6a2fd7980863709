-- Search of 1 or 2 characters (too short for trigrams): the id, or a substring, row by row.
AND (id = @search_id
     OR worker ILIKE @search_like ESCAPE '\'
     OR action ILIKE @search_like ESCAPE '\'
     OR message ILIKE @search_like ESCAPE '\')
