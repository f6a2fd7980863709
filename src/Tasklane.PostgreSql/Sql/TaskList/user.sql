-- A partial creator name (ignoring case): the few names that match come from the counters (and their changes not
-- folded yet), then the name index serves them.
AND created_by_name IN (SELECT c.creator_name FROM task_counts c WHERE c.creator_name ILIKE @user_like ESCAPE '\'
                        UNION SELECT d.creator_name FROM task_counter_deltas d WHERE d.creator_name ILIKE @user_like ESCAPE '\')
