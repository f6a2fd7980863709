-- Adds one archived chunk of a task's log; a chunk already kept (a move retried after a crash) is left as it is.
INSERT INTO task_log_archives (task_id, last_seq, first_seq, lines, content) VALUES (@task_id, @last_seq, @first_seq, @lines, @content)
ON CONFLICT (task_id, last_seq) DO NOTHING;
