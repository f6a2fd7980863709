AND object_type = @object_type
