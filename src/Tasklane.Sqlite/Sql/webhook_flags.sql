-- Which events any hook wants: one row of three counts.
SELECT count(*),
       count(*) FILTER (WHERE task_failed OR task_completed),
       count(*) FILTER (WHERE queue_stalled)
FROM webhooks;
