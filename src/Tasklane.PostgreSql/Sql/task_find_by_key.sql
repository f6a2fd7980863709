SELECT * FROM tasks WHERE idempotency_key = @idempotency_key AND deleted_at IS NULL;
