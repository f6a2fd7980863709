SELECT * FROM users ORDER BY username, id;
