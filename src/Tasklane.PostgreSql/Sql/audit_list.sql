-- A page of the audit log, newest first; a NULL filter matches all. @action_prefix matches "role.*"-style filters.
SELECT id, at, actor_id, actor_name, ip, action, target_type, target_id, details::text AS details FROM audit_log
WHERE (@actor::text IS NULL OR lower(actor_name) = lower(@actor::text))
  AND (@action::text IS NULL OR action = @action::text)
  AND (@action_prefix::text IS NULL OR left(action, length(@action_prefix::text)) = @action_prefix::text)
  AND (@target_type::text IS NULL OR target_type = @target_type::text)
  AND (@target_id::text IS NULL OR target_id = @target_id::text)
  AND (@from::timestamptz IS NULL OR at >= @from::timestamptz)
  AND (@to::timestamptz IS NULL OR at <= @to::timestamptz)
ORDER BY id DESC
LIMIT @limit OFFSET @offset;
