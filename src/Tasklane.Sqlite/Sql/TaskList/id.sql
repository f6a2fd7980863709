AND id = @id
