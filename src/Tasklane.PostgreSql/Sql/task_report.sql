-- Progress of a running task; the message is kept when @message is NULL.
UPDATE tasks
SET progress = CASE WHEN @has_progress THEN @progress::double precision ELSE progress END,
    processed = CASE WHEN @has_progress THEN @processed::bigint ELSE processed END,
    total = CASE WHEN @has_progress THEN @total::bigint ELSE total END,
    eta_seconds = CASE WHEN @has_progress THEN @eta_seconds::double precision ELSE eta_seconds END,
    message = COALESCE(@message::text, message),
    updated_at = @at
WHERE id = @id
  AND status = 'running';
