SELECT * FROM schedules WHERE enabled AND next_run_at IS NOT NULL AND next_run_at <= @now ORDER BY next_run_at, id;
