-- The enabled user of a token that is neither expired nor revoked.
SELECT u.*
FROM tokens t
JOIN users u ON u.id = t.user_id
WHERE t.token_hash = @token_hash
  AND t.revoked_at IS NULL
  AND t.expires_at > @now
  AND NOT u.disabled;
