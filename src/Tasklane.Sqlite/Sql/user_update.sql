-- NULL parameters keep the column.
UPDATE users
SET password_hash = COALESCE(@password_hash, password_hash),
    role = COALESCE(@role, role),
    permissions = COALESCE(@permissions, permissions),
    disabled = COALESCE(@disabled, disabled),
    updated_at = @now
WHERE id = @id
RETURNING id;
