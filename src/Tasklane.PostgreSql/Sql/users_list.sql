-- By name ignoring case, in byte order (as SQLite's NOCASE), whatever the database's collation.
SELECT * FROM users ORDER BY lower(username) COLLATE "C", id;
