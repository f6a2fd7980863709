-- Search of 1 or 2 characters (too short for trigrams): the id, or a substring, row by row.
AND (id = @search_id
     OR worker LIKE @search_like ESCAPE '\'
     OR action LIKE @search_like ESCAPE '\'
     OR message LIKE @search_like ESCAPE '\')
