-- Both object filters: tasks with a link of that type and id (any link, not only the first).
AND id IN (SELECT l.task_id FROM task_links l WHERE l.link_type = @object_type AND l.link_id = @object_id)
