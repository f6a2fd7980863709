-- Tasklane SQLite schema, version 13: the search of a failed task's error reads an index, not every failed row.
-- The list's search (Sql/TaskList/search.sql) compares the error of the failed tasks. It found them through the status
-- index and read each row (at 1M tasks with 6 % failed: 60,000 rows per search, whatever the word). This index holds
-- the failed live top-level tasks with their error, so the comparison reads index entries only, newest first.
-- It is partial: a create writes no entry, a completion none; only a task that ends failed writes one (and its retry
-- or deletion removes it). deleted_at and parent_id (always NULL here) are held too: SQLite counts an index as
-- covering only when it holds every column the statement names.
CREATE INDEX ix_tasks_search_error
  ON tasks (status, id, error, deleted_at, parent_id)
  WHERE status = 'failed' AND deleted_at IS NULL AND parent_id IS NULL;
