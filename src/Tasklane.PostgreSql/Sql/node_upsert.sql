INSERT INTO nodes (id, host, pid, started_at, last_heartbeat, queues, workers, concurrency, running)
VALUES (@id, @host, @pid, @started_at, @last_heartbeat, @queues::jsonb, @workers::jsonb, @concurrency, @running)
ON CONFLICT (id) DO UPDATE
SET host = excluded.host,
    pid = excluded.pid,
    started_at = excluded.started_at,
    last_heartbeat = excluded.last_heartbeat,
    queues = excluded.queues,
    workers = excluded.workers,
    concurrency = excluded.concurrency,
    running = excluded.running;
