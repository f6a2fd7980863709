UPDATE tokens SET revoked_at = COALESCE(revoked_at, @now) WHERE user_id = @user_id AND token_hash <> @keep_token_hash;
