-- Keeps an artifact's bytes under its file key (a fresh random key per save).
INSERT INTO artifact_contents (file_key, task_id, size, content, created_at) VALUES (@file_key, @task_id, @size, @content, @now);
