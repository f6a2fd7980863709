AND category = @category
