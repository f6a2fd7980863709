-- One queue's configuration, locked until the change commits.
SELECT name, paused, global_concurrency, rate_per_second, updated_at FROM queues WHERE name = @name FOR UPDATE;
