-- The firing records of the schedules of workers about to be deleted.
DELETE FROM schedule_firings WHERE schedule_id IN (SELECT id FROM schedules WHERE worker = ANY (@identifiers::text[]));
