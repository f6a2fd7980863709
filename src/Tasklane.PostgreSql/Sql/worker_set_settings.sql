UPDATE workers SET settings = @settings, updated_at = @now WHERE identifier = @identifier;
