SELECT * FROM roles WHERE name = @name;
