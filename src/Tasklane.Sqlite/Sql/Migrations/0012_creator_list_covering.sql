-- Tasklane SQLite schema, version 12: one creator's list is read from the creator index alone.
-- An operator who sees only their own tasks (per-user visibility) lists them with a worker, action, queue, time or
-- creator-name filter. ix_tasks_list_creator now holds those columns, so such a page and its capped count walk that
-- creator's index entries and read no task row until the page's own rows (at 1M tasks, a user owning 1 % and a filter
-- that matches none of theirs: 10,000 entries instead of 10,000 row lookups). None of the columns changes after a
-- create, so a status change still touches no entry of it. The list writes these filters as +column when the list is
-- limited to one creator (Sql/TaskList/own/), so that the planner, which has no statistics, takes this index rather
-- than the worker's or the queue's. deleted_at and parent_id (always NULL here) are held too: the list names them, and
-- SQLite counts an index as covering only when it holds every column the statement names.
DROP INDEX ix_tasks_list_creator;
CREATE INDEX ix_tasks_list_creator
  ON tasks (created_by_id, id, worker, action, queue, created_at, created_by_name, deleted_at, parent_id)
  WHERE deleted_at IS NULL AND parent_id IS NULL;
