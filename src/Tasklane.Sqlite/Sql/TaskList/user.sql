-- A partial creator name: the few names that match come from the counters, then the name index serves them.
AND created_by_name IN (SELECT c.creator_name FROM task_counts c WHERE c.creator_name LIKE @user_like ESCAPE '\')
