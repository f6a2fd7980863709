AND object_id = @object_id
