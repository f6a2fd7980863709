INSERT INTO tokens (token_hash, user_id, created_at, expires_at, revoked_at)
VALUES (@token_hash, @user_id, @created_at, @expires_at, NULL);
