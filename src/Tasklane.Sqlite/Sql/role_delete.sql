DELETE FROM roles WHERE name = @name;
