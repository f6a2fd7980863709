-- Search of 3 characters or more (ignoring case): the id, or a substring of worker, action or message through the
-- trigram index on their joined text (chr(31) between them, which no search contains).
AND (id = @search_id
     OR (worker || chr(31) || action || chr(31) || coalesce(message, '')) ILIKE @search_like ESCAPE '\')
