AND worker = @worker
