SELECT * FROM users WHERE lower(username) = lower(@username::text);
