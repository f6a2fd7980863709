-- One creator's tasks since a time: +created_at keeps the planner on the creator index (it holds created_at).
AND +created_at >= @from
