DELETE FROM nodes WHERE id = @id;
