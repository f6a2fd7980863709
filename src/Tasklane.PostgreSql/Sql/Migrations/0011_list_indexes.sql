-- Tasklane PostgreSQL schema, version 11: fewer, covering indexes for the screens at 10M tasks (docs/performance.md,
-- "PostgreSQL lists and stats at scale"). Every index of tasks costs each insert and each non-HOT update (a status
-- change is one), so indexes that others cover go, and the list indexes carry the few columns the list filters and the
-- statistics read, so that a capped count, a page's ids and the statistics' partial hours are index-only scans.
-- 1. Gone: the full-table indexes of version 1 that the list indexes of version 4 cover (status, creator, worker and
--    action), the schedule index that ix_tasks_list_schedule covers, and the object index (the object filter reads
--    task_links since version 8). Retention found old failed and cancelled tasks through the status index: the
--    ended index now holds every finished task.
-- 2. The creator index (created_by_id, id) includes the columns the other filters compare, so a user who sees only
--    their own tasks gets every filter from it without reading a row (the full creator index of version 1 goes; the
--    creator and status index stays: a user's status filter, the most used, reads no other user's entries).
-- 3. The action index includes the worker (the console filters both); the created_at index includes what the
--    statistics read of an hour cut by the range or a bucket boundary.
-- 4. Search: a trigram index over the error of the failed tasks (they are the only ones whose error is searched), so a
--    search no longer reads every failed task.

DROP INDEX ix_tasks_status;
DROP INDEX ix_tasks_created_by;
DROP INDEX ix_tasks_worker;
DROP INDEX ix_tasks_schedule;
DROP INDEX ix_tasks_object;

DROP INDEX ix_tasks_ended;
CREATE INDEX ix_tasks_ended ON tasks (ended_at) WHERE status IN ('completed', 'failed', 'cancelled');

DROP INDEX ix_tasks_list_creator;
CREATE INDEX ix_tasks_list_creator ON tasks (created_by_id, id) INCLUDE (status, worker, action, queue, created_at, created_by_name)
  WHERE deleted_at IS NULL AND parent_id IS NULL;

DROP INDEX ix_tasks_list_action;
CREATE INDEX ix_tasks_list_action ON tasks (action, id) INCLUDE (worker) WHERE deleted_at IS NULL AND parent_id IS NULL;

DROP INDEX ix_tasks_created_at;
CREATE INDEX ix_tasks_created_at ON tasks (created_at, id) INCLUDE (worker, status, created_by_id, started_at, ended_at)
  WHERE deleted_at IS NULL;

DO $$
DECLARE
  trgm_schema text;
BEGIN
  SELECT n.nspname INTO trgm_schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format('CREATE INDEX ix_tasks_search_error ON tasks USING gin (error %I.gin_trgm_ops) WHERE status = ''failed'' AND deleted_at IS NULL',
                   trgm_schema);
  END IF;
END
$$;
