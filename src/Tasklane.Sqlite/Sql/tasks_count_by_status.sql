-- Live top-level tasks by status (pending, running, completed, failed, cancelled), from the kept counters.
SELECT SUM(pending), SUM(running), SUM(completed), SUM(failed), SUM(cancelled)
FROM task_counts
WHERE top_level = 1
  AND (@visible_to IS NULL OR creator = @visible_to);
