-- A schedule's run history: the tasks it fired.
AND schedule_id = @schedule_id
