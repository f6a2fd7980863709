SELECT id, host, pid, started_at, last_heartbeat, queues::text AS queues, workers::text AS workers, concurrency, running
FROM nodes
ORDER BY last_heartbeat DESC, id;
