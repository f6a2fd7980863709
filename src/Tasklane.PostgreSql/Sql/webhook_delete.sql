-- The deliveries go with the hook (ON DELETE CASCADE).
DELETE FROM webhooks WHERE id = @id;
