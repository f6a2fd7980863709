-- No row when the name is taken, case-insensitively.
INSERT INTO users (username, password_hash, role, permissions, disabled, created_at, updated_at)
VALUES (@username, @password_hash, @role, @permissions, false, @now, @now)
ON CONFLICT (lower(username)) DO NOTHING
RETURNING id;
