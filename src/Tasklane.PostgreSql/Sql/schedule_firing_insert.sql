-- No row when the tick was fired already; a concurrent firing of the same tick waits for the first to end.
INSERT INTO schedule_firings (schedule_id, fire_at, task_id) VALUES (@schedule_id, @fire_at, 0)
ON CONFLICT (schedule_id, fire_at) DO NOTHING;
