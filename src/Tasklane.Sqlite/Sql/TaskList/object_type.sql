-- Tasks with a link of this type (any link, not only the first).
AND id IN (SELECT l.task_id FROM task_links l WHERE l.link_type = @object_type)
