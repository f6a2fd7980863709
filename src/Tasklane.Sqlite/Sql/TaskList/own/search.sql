-- One creator's search, as the capped count reads it (per-user visibility; the page reads TaskList/own/search_page):
-- that creator's entries of ix_tasks_list_creator are walked and each entry's worker/action pair is compared with
-- the matching pairs (+worker, +action keep the planner on that index, which holds both columns); the message and
-- data matches come from their trigram indexes, the failed tasks' errors from ix_tasks_list_creator_status.
AND (id = @search_id
     OR (+worker, +action) IN (SELECT a.worker, a.action FROM task_actions a
                               WHERE a.worker LIKE @search_like ESCAPE '\' OR a.action LIKE @search_like ESCAPE '\')
     OR id IN (SELECT rowid FROM tasks_message_fts WHERE tasks_message_fts MATCH @search_match)
     OR id IN (SELECT rowid FROM tasks_data_fts WHERE tasks_data_fts MATCH @search_match)
     OR id IN (SELECT id FROM tasks WHERE status = 'failed' AND error LIKE @search_like ESCAPE '\' AND deleted_at IS NULL{filters}))
