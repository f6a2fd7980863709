WITH removed_tokens AS (
  DELETE FROM tokens WHERE user_id = @id
)
DELETE FROM users WHERE id = @id RETURNING id;
