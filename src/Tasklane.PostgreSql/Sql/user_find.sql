-- Case-insensitively, with its custom role's permissions (NULL for a built-in role).
SELECT u.*, r.permissions AS role_permissions FROM users u LEFT JOIN roles r ON r.name = u.role WHERE lower(u.username) = lower(@username::text);
