UPDATE workers SET active = @active, updated_at = @now WHERE identifier = @identifier;
