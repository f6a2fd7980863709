UPDATE roles SET permissions = @permissions, updated_at = @now WHERE name = @name RETURNING *;
