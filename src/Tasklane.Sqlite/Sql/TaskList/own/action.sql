-- One creator's tasks of an action: +action keeps the planner on the creator index (ix_tasks_list_creator holds action).
AND +action = @action
