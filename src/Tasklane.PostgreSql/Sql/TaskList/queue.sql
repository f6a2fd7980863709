AND queue = @queue
