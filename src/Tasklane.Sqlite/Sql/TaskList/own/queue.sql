-- One creator's tasks of a queue: +queue keeps the planner on the creator index (ix_tasks_list_creator holds queue).
AND +queue = @queue
