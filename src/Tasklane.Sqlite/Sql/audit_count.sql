-- How many entries match the filters of audit_list.
SELECT COUNT(*) FROM audit_log
WHERE (@actor IS NULL OR actor_name = @actor)
  AND (@action IS NULL OR action = @action)
  AND (@action_prefix IS NULL OR substr(action, 1, length(@action_prefix)) = @action_prefix)
  AND (@target_type IS NULL OR target_type = @target_type)
  AND (@target_id IS NULL OR target_id = @target_id)
  AND (@from IS NULL OR at >= @from)
  AND (@to IS NULL OR at <= @to);
