-- Tasks with a link of this id (any link, not only the first).
AND id IN (SELECT l.task_id FROM task_links l WHERE l.link_id = @object_id)
