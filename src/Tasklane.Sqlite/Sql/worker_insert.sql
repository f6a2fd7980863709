INSERT INTO workers (identifier, title, scope, description, icon, actions, active, created_at, updated_at)
VALUES (@identifier, @title, @scope, @description, @icon, @actions, @active, @now, @now)
ON CONFLICT (identifier) DO NOTHING;
