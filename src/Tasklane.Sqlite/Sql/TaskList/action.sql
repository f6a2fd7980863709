AND action = @action
