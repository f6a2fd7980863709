INSERT INTO workers (identifier, title, scope, description, icon, actions, active, created_at, updated_at)
VALUES (@identifier, @title, @scope::text, @description::text, @icon::text, @actions::jsonb, @active, @now, @now)
ON CONFLICT (identifier) DO NOTHING;
