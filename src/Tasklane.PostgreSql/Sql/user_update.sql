-- NULL parameters keep the column.
UPDATE users
SET password_hash = COALESCE(@password_hash::text, password_hash),
    role = COALESCE(@role::text, role),
    permissions = COALESCE(@permissions::text, permissions),
    disabled = COALESCE(@disabled::boolean, disabled),
    updated_at = @now
WHERE id = @id
RETURNING id;
