-- Tasks with this tag; one fragment per tag= (its parameter renamed tag_0, tag_1, ...), so several mean all of them.
AND id IN (SELECT g.task_id FROM task_tags g WHERE g.tag = @tag)
