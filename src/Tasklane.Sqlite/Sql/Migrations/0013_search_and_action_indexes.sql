-- Tasklane SQLite schema, version 13: a search compares the failed tasks' errors in an index, and a worker + action
-- filter is read from an index alone.
-- 1. The list's search (Sql/TaskList/search.sql, search_page.sql) compares the error of the failed tasks. It found them
--    through the status index and read each row (at 1M tasks with 6 % failed: 60,000 rows per search, whatever the
--    word). ix_tasks_search_error holds the failed live top-level tasks with their error, so the comparison reads index
--    entries only, newest first. It is partial: a create writes no entry, a completion none; only a task that ends
--    failed writes one (its retry or deletion removes it).
-- 2. ix_tasks_list_worker (worker, id) also holds action: a list by worker and action walks that worker's entries in id
--    order and compares the action in the index, where it read a task row per match through ix_tasks_worker (the
--    capped count: 10,001 rows). No column of it changes after a create, so a status change touches no entry of it.
-- deleted_at and parent_id (always NULL in both) are held too: SQLite counts an index as covering only when it holds
-- every column the statement names.
CREATE INDEX ix_tasks_search_error
  ON tasks (status, id, error, deleted_at, parent_id)
  WHERE status = 'failed' AND deleted_at IS NULL AND parent_id IS NULL;

DROP INDEX ix_tasks_list_worker;
CREATE INDEX ix_tasks_list_worker
  ON tasks (worker, id, action, deleted_at, parent_id)
  WHERE deleted_at IS NULL AND parent_id IS NULL;
