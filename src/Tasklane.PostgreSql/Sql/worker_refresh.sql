-- Metadata only; the active flag and the settings are the operators'.
UPDATE workers
SET title = @title, scope = @scope::text, description = @description::text, icon = @icon::text, actions = @actions::jsonb, updated_at = @now
WHERE identifier = @identifier
  AND (title IS DISTINCT FROM @title::text
       OR scope IS DISTINCT FROM @scope::text
       OR description IS DISTINCT FROM @description::text
       OR icon IS DISTINCT FROM @icon::text
       OR actions IS DISTINCT FROM @actions::jsonb);
