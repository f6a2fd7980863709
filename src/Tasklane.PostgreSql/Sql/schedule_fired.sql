WITH firing AS (
  UPDATE schedule_firings SET task_id = @task_id WHERE schedule_id = @schedule_id AND fire_at = @fire_at
)
UPDATE schedules
SET last_run_at = @fire_at,
    last_task_id = @task_id,
    next_run_at = CASE WHEN @keep_next THEN next_run_at ELSE @next_run_at::timestamptz END,
    updated_at = @now
WHERE id = @schedule_id;
