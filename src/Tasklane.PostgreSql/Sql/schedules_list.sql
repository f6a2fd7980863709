SELECT * FROM schedules WHERE (@id::text IS NULL OR id = @id::text) ORDER BY id;
