-- One creator's search, as a page reads it (per-user visibility): as TaskList/search_page, but the worker/action
-- branch walks that creator's entries of ix_tasks_list_creator once, newest first, comparing each entry's pair with
-- the matching pairs (+worker, +action keep the planner on that index, which holds both columns), and stops at
-- the statement's bound; a failed task's error is found through ix_tasks_list_creator_status (that creator's failed tasks).
AND (id = @search_id
     OR id IN (
       SELECT id FROM (
         SELECT id FROM tasks
         WHERE (+worker, +action) IN (SELECT a.worker, a.action FROM task_actions a
                                      WHERE a.worker LIKE @search_like ESCAPE '\' OR a.action LIKE @search_like ESCAPE '\')
           AND deleted_at IS NULL{filters}
         ORDER BY {order} LIMIT {bound})
       UNION ALL
       SELECT id FROM (
         SELECT id FROM tasks
         WHERE id IN (SELECT rowid FROM tasks_message_fts WHERE tasks_message_fts MATCH @search_match)
           AND deleted_at IS NULL{filters}
         ORDER BY {order} LIMIT {bound})
       UNION ALL
       SELECT id FROM (
         SELECT id FROM tasks
         WHERE id IN (SELECT rowid FROM tasks_data_fts WHERE tasks_data_fts MATCH @search_match)
           AND deleted_at IS NULL{filters}
         ORDER BY {order} LIMIT {bound})
       UNION ALL
       SELECT id FROM (
         SELECT id FROM tasks
         WHERE status = 'failed' AND error LIKE @search_like ESCAPE '\' AND deleted_at IS NULL{filters}
         ORDER BY {order} LIMIT {bound})))
