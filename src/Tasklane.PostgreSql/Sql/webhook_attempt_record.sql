-- How one sending went; the first body sent is kept so that every retry sends the same bytes.
UPDATE webhook_deliveries
SET status = @status,
    next_attempt_at = @next_attempt_at,
    last_status_code = @status_code::integer,
    last_error = @error::text,
    body = COALESCE(body, @body),
    updated_at = @now
WHERE id = @id;
