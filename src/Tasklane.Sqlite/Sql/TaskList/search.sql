-- Search of 3 characters or more: the id, or a substring of worker, action or message through the trigram index.
AND (id = @search_id OR id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH @search_match))
