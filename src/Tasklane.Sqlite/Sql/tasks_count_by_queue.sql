-- Live tasks by queue and status (pending, running, completed, failed, cancelled), from the kept counters.
SELECT queue, SUM(pending), SUM(running), SUM(completed), SUM(failed), SUM(cancelled)
FROM task_counts
WHERE @visible_to IS NULL OR creator = @visible_to
GROUP BY queue
ORDER BY queue;
