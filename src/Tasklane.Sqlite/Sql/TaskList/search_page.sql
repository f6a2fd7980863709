-- Search of 3 characters or more, as a page (and a bulk action's chunk) reads it: the id, or one of four branches,
-- each cut to as many tasks as the statement shows (its page and offset, or its chunk), the first in the list's
-- order that pass the list's other filters and cursor (TaskListSql fills these three in), so that a page reads at
-- most that many tasks of each branch however many match, and sorts only those (the capped count reads
-- TaskList/search, which stops at its limit):
-- a substring of worker or action (the few distinct pairs in task_actions, compared there; each pair's newest tasks
-- walked in ix_tasks_worker and handed over as a JSON array, SQLite having no LATERAL join); of the message (trigram
-- index tasks_message_fts, which holds only the tasks with a message); of the data (trigram index tasks_data_fts,
-- written at insert only); or of the error of a failed task (compared in ix_tasks_search_error, no row read).
AND (id = @search_id
     OR id IN (
       SELECT p.value
       FROM task_actions a,
            json_each((SELECT json_group_array(id) FROM (
              SELECT id FROM tasks
              WHERE worker = a.worker AND action = a.action AND deleted_at IS NULL{filters}
              ORDER BY {order} LIMIT {bound}))) p
       WHERE a.worker LIKE @search_like ESCAPE '\' OR a.action LIKE @search_like ESCAPE '\'
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
