-- No row when the name is taken.
INSERT INTO roles (name, permissions, created_at, updated_at)
VALUES (@name, @permissions, @now, @now)
ON CONFLICT (name) DO NOTHING
RETURNING *;
