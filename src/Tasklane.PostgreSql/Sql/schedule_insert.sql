INSERT INTO schedules (id, name, worker, action, data, spec, enabled, next_run_at, updated_at)
VALUES (@id, @name, @worker, @action, @data::json, @spec, @enabled, @next_run_at::timestamptz, @now)
ON CONFLICT (id) DO NOTHING;
