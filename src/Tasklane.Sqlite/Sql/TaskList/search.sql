-- Search of 3 characters or more, as the capped count reads it (the page reads TaskList/search_page): the id; a
-- substring of worker or action (the few distinct pairs in task_actions, compared there, then walked in
-- ix_tasks_worker); of the message (trigram index tasks_message_fts, which holds only the tasks with a message); of
-- the data (trigram index tasks_data_fts, written at insert only); or of the error of a failed task (compared in
-- ix_tasks_search_error, with the list's other filters). SQLite reads the branches one after the other
-- and the count stops at its limit, so a word that matches many tasks reads about that many index entries.
AND (id = @search_id
     OR (worker, action) IN (SELECT a.worker, a.action FROM task_actions a
                             WHERE a.worker LIKE @search_like ESCAPE '\' OR a.action LIKE @search_like ESCAPE '\')
     OR id IN (SELECT rowid FROM tasks_message_fts WHERE tasks_message_fts MATCH @search_match)
     OR id IN (SELECT rowid FROM tasks_data_fts WHERE tasks_data_fts MATCH @search_match)
     OR id IN (SELECT id FROM tasks WHERE status = 'failed' AND error LIKE @search_like ESCAPE '\' AND deleted_at IS NULL{filters}))
