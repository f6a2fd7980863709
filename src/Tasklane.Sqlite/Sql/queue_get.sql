-- One queue's configuration (the write transaction already holds the database).
SELECT name, paused, global_concurrency, rate_per_second, updated_at FROM queues WHERE name = @name;
