SELECT * FROM roles ORDER BY name;
