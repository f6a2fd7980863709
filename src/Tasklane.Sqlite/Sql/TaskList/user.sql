-- A partial creator name: the few creators whose name matches come from the counters, then the creator index serves
-- them (the name is compared on the row too: a creator's older tasks may carry another name).
AND created_by_id IN (SELECT c.creator FROM task_counts c WHERE c.creator_name LIKE @user_like ESCAPE '\')
AND created_by_name LIKE @user_like ESCAPE '\'
