-- Search of 3 characters or more: the id, a substring of worker, action or message (trigram index tasks_fts), of the
-- data (trigram index tasks_data_fts, written at insert only), or of the error of a failed task (the failed tasks
-- only, found by status, their error compared row by row).
AND (id = @search_id
     OR id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH @search_match)
     OR id IN (SELECT rowid FROM tasks_data_fts WHERE tasks_data_fts MATCH @search_match)
     OR id IN (SELECT e.id FROM tasks e WHERE e.status = 'failed' AND e.deleted_at IS NULL AND e.error LIKE @search_like ESCAPE '\'))
