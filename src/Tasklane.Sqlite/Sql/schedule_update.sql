UPDATE schedules
SET enabled = COALESCE(@enabled, enabled),
    spec = COALESCE(@spec, spec),
    next_run_at = @next_run_at,
    updated_at = @now
WHERE id = @id;
