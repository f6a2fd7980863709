-- The schedules of workers about to be deleted: with their worker gone they could only fire tasks nobody runs.
DELETE FROM schedules WHERE worker = ANY (@identifiers::text[]);
