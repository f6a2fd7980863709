-- Progress of a running task; the message is kept when @message is NULL.
UPDATE tasks
SET progress = CASE WHEN @has_progress THEN @progress ELSE progress END,
    processed = CASE WHEN @has_progress THEN @processed ELSE processed END,
    total = CASE WHEN @has_progress THEN @total ELSE total END,
    eta_seconds = CASE WHEN @has_progress THEN @eta_seconds ELSE eta_seconds END,
    message = COALESCE(@message, message),
    updated_at = @at
WHERE id = @id
  AND status = 'running';
