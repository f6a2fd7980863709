-- The enabled user of a token that is neither expired nor revoked, with its custom role's permissions.
SELECT u.*, r.permissions AS role_permissions
FROM tokens t
JOIN users u ON u.id = t.user_id
LEFT JOIN roles r ON r.name = u.role
WHERE t.token_hash = @token_hash
  AND t.revoked_at IS NULL
  AND t.expires_at > @now
  AND u.disabled = 0;
