-- Case-insensitively (the column's collation), with its custom role's permissions (NULL for a built-in role).
SELECT u.*, r.permissions AS role_permissions FROM users u LEFT JOIN roles r ON r.name = u.role WHERE u.username = @username;
