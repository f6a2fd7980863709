SELECT * FROM users WHERE id = @id;
