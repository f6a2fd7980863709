-- Every configured queue, by name.
SELECT name, paused, global_concurrency, rate_per_second, updated_at FROM queues ORDER BY name;
