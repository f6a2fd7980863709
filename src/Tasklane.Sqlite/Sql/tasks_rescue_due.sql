-- Whether any running task's lease ran out: a read, so that a rescue round with nothing to rescue writes nothing.
SELECT EXISTS (
    SELECT 1
    FROM tasks
    WHERE status = 'running'
      AND lease_expires_at < @now
);
