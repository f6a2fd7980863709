-- A bulk action's chunk cursor, written inside a search whose branches are cut to @chunk (TaskList/search).
AND id < @before_id
