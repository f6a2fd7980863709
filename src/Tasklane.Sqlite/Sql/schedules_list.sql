SELECT * FROM schedules WHERE (@id IS NULL OR id = @id) ORDER BY id;
