UPDATE schedules
SET enabled = COALESCE(@enabled::boolean, enabled),
    spec = COALESCE(@spec::text, spec),
    next_run_at = @next_run_at::timestamptz,
    updated_at = @now
WHERE id = @id;
