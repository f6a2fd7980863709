-- How many users hold the role.
SELECT COUNT(*) FROM users WHERE role = @name;
