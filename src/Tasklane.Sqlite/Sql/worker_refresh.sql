UPDATE workers
SET title = @title, scope = @scope, description = @description, icon = @icon, actions = @actions, updated_at = @now
WHERE identifier = @identifier
  AND (title IS NOT @title OR scope IS NOT @scope OR description IS NOT @description OR icon IS NOT @icon OR actions IS NOT @actions);
