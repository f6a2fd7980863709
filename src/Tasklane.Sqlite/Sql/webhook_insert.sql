INSERT INTO webhooks (url, worker, task_failed, task_completed, queue_stalled, secret, created_at)
VALUES (@url, @worker, @task_failed, @task_completed, @queue_stalled, @secret, @now)
RETURNING id;
