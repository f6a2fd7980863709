UPDATE tokens SET revoked_at = COALESCE(revoked_at, @now) WHERE token_hash = @token_hash;
