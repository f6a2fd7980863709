-- How many entries match the filters of audit_list.
SELECT COUNT(*) FROM audit_log
WHERE (@actor::text IS NULL OR lower(actor_name) = lower(@actor::text))
  AND (@action::text IS NULL OR action = @action::text)
  AND (@action_prefix::text IS NULL OR left(action, length(@action_prefix::text)) = @action_prefix::text)
  AND (@target_type::text IS NULL OR target_type = @target_type::text)
  AND (@target_id::text IS NULL OR target_id = @target_id::text)
  AND (@from::timestamptz IS NULL OR at >= @from::timestamptz)
  AND (@to::timestamptz IS NULL OR at <= @to::timestamptz);
