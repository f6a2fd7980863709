AND status = @status
