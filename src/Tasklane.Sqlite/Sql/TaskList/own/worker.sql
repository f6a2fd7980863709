-- One creator's tasks of a worker: +worker keeps the planner on the creator index (ix_tasks_list_creator holds worker).
AND +worker = @worker
