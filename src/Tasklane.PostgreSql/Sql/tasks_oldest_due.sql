SELECT MIN(run_at)
FROM tasks
WHERE status = 'pending'
  AND deleted_at IS NULL
  AND run_at <= @now
  AND (@worker::text IS NULL OR worker = @worker::text);
