SELECT id, host, pid, started_at, last_heartbeat, queues, workers, concurrency, running
FROM nodes
ORDER BY last_heartbeat DESC, id;
