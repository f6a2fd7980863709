-- Tasklane PostgreSQL schema, version 4: the read side stays fast as the store grows.
-- 1. List indexes over the live top-level tasks (the screens), each ending in id so a page walks it newest first
--    and a capped count stops early.
-- 2. A trigram (pg_trgm) GIN index over worker, action and message, so a search of 3 or more characters does not
--    scan the table. Without pg_trgm (not installed, or no right to create it) the search still works, by scanning.
-- 3. task_counts and task_stats_hourly: counters kept by statement triggers, so the dashboard, the queues, the
--    worker list and the statistics never count the tasks table. A writing statement only appends its summed
--    change to task_counter_deltas (no row is updated in place, so concurrent writers never wait for each other on
--    a counter row, nor deadlock); now and then one writer folds the appended rows into the two tables, under a
--    transaction-scoped advisory lock it only tries. Readers add the rows not yet folded. Both are backfilled here.
-- A creator of NULL (a system task) is kept as -9223372036854775807 in the counters' keys; hours are UTC.

CREATE INDEX ix_tasks_list_status ON tasks (status, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_worker ON tasks (worker, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_action ON tasks (action, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_queue ON tasks (queue, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_creator ON tasks (created_by_id, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_creator_status ON tasks (created_by_id, status, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX ix_tasks_list_creator_name ON tasks (created_by_name, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
-- Time ranges page by creation time; the statistics read the partial hours at the edges of a range through it.
CREATE INDEX ix_tasks_created_at ON tasks (created_at, id) WHERE deleted_at IS NULL;

-- Search: the text of worker, action and message joined by a unit separator (which no search contains).
DO $$
DECLARE
  trgm_schema text;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%); task search scans the table', SQLERRM;
  END;
  SELECT n.nspname INTO trgm_schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format(
      'CREATE INDEX ix_tasks_search ON tasks USING gin ((worker || chr(31) || action || chr(31) || coalesce(message, %L)) %I.gin_trgm_ops)',
      '', trgm_schema);
  END IF;
END
$$;

CREATE TABLE task_counts (
  worker       text    NOT NULL,
  queue        text    NOT NULL,
  creator      bigint  NOT NULL,
  creator_name text    NOT NULL,
  top_level    boolean NOT NULL,
  pending      bigint  NOT NULL DEFAULT 0,
  running      bigint  NOT NULL DEFAULT 0,
  completed    bigint  NOT NULL DEFAULT 0,
  failed       bigint  NOT NULL DEFAULT 0,
  cancelled    bigint  NOT NULL DEFAULT 0,
  PRIMARY KEY (worker, queue, creator, creator_name, top_level)
);

-- stale_max: the latest start may belong to a task that left the hour (deleted); a reader recomputes it.
CREATE TABLE task_stats_hourly (
  hour           timestamptz NOT NULL,
  worker         text        NOT NULL,
  creator        bigint      NOT NULL,
  pending        bigint      NOT NULL DEFAULT 0,
  running        bigint      NOT NULL DEFAULT 0,
  completed      bigint      NOT NULL DEFAULT 0,
  failed         bigint      NOT NULL DEFAULT 0,
  cancelled      bigint      NOT NULL DEFAULT 0,
  duration_count bigint      NOT NULL DEFAULT 0,
  duration_sum   numeric     NOT NULL DEFAULT 0,
  max_started_at timestamptz,
  stale_max      boolean     NOT NULL DEFAULT false,
  PRIMARY KEY (hour, worker, creator)
);

-- Appended by every writing statement, folded into the two tables above.
CREATE TABLE task_counter_deltas (
  hour           timestamptz NOT NULL,
  worker         text        NOT NULL,
  queue          text        NOT NULL,
  creator        bigint      NOT NULL,
  creator_name   text        NOT NULL,
  top_level      boolean     NOT NULL,
  pending        bigint      NOT NULL,
  running        bigint      NOT NULL,
  completed      bigint      NOT NULL,
  failed         bigint      NOT NULL,
  cancelled      bigint      NOT NULL,
  duration_count bigint      NOT NULL,
  duration_sum   numeric     NOT NULL,
  max_started_at timestamptz,
  stale_max      boolean     NOT NULL
);

INSERT INTO task_counts (worker, queue, creator, creator_name, top_level, pending, running, completed, failed, cancelled)
SELECT worker, queue, coalesce(created_by_id, -9223372036854775807), coalesce(created_by_name, ''), parent_id IS NULL,
       count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'running'),
       count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
       count(*) FILTER (WHERE status = 'cancelled')
FROM tasks
WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO task_stats_hourly (hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum, max_started_at)
SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', worker, coalesce(created_by_id, -9223372036854775807),
       count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'running'),
       count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
       count(*) FILTER (WHERE status = 'cancelled'),
       count(*) FILTER (WHERE status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL),
       coalesce(sum(EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000) FILTER (WHERE status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL), 0),
       max(started_at)
FROM tasks
WHERE deleted_at IS NULL
GROUP BY 1, 2, 3;

-- Folds the appended changes into the counters; a no-op when another transaction is folding.
CREATE FUNCTION task_counters_fold() RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext(current_schema() || '.task_counters')) THEN
    RETURN;
  END IF;
  WITH moved AS (
    DELETE FROM task_counter_deltas RETURNING *
  ), counts AS (
    INSERT INTO task_counts AS c (worker, queue, creator, creator_name, top_level, pending, running, completed, failed, cancelled)
    SELECT worker, queue, creator, creator_name, top_level, sum(pending), sum(running), sum(completed), sum(failed), sum(cancelled)
    FROM moved
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (worker, queue, creator, creator_name, top_level) DO UPDATE SET
      pending = c.pending + excluded.pending, running = c.running + excluded.running,
      completed = c.completed + excluded.completed, failed = c.failed + excluded.failed,
      cancelled = c.cancelled + excluded.cancelled
  )
  INSERT INTO task_stats_hourly AS h (hour, worker, creator, pending, running, completed, failed, cancelled,
                                      duration_count, duration_sum, max_started_at, stale_max)
  SELECT hour, worker, creator, sum(pending), sum(running), sum(completed), sum(failed), sum(cancelled),
         sum(duration_count), sum(duration_sum), max(max_started_at), bool_or(stale_max)
  FROM moved
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (hour, worker, creator) DO UPDATE SET
    pending = h.pending + excluded.pending, running = h.running + excluded.running,
    completed = h.completed + excluded.completed, failed = h.failed + excluded.failed,
    cancelled = h.cancelled + excluded.cancelled,
    duration_count = h.duration_count + excluded.duration_count, duration_sum = h.duration_sum + excluded.duration_sum,
    max_started_at = greatest(h.max_started_at, excluded.max_started_at),
    stale_max = h.stale_max OR excluded.stale_max;
END
$$;

-- One statement's change: the live rows it added, minus the live rows it took away, summed by key.
-- An update that changes none of the counted columns (progress, heartbeats) appends nothing.
CREATE FUNCTION task_counters_track() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO task_counter_deltas
    SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', worker, queue,
           coalesce(created_by_id, -9223372036854775807), coalesce(created_by_name, ''), parent_id IS NULL,
           count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'running'),
           count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
           count(*) FILTER (WHERE status = 'cancelled'),
           count(*) FILTER (WHERE status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL),
           coalesce(sum(EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000) FILTER (WHERE status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL), 0),
           max(started_at), false
    FROM new_rows
    WHERE deleted_at IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO task_counter_deltas
    SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', worker, queue,
           coalesce(created_by_id, -9223372036854775807), coalesce(created_by_name, ''), parent_id IS NULL,
           -count(*) FILTER (WHERE status = 'pending'), -count(*) FILTER (WHERE status = 'running'),
           -count(*) FILTER (WHERE status = 'completed'), -count(*) FILTER (WHERE status = 'failed'),
           -count(*) FILTER (WHERE status = 'cancelled'),
           -count(*) FILTER (WHERE status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL),
           -coalesce(sum(EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000) FILTER (WHERE status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL), 0),
           NULL, bool_or(started_at IS NOT NULL)
    FROM old_rows
    WHERE deleted_at IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6;
  ELSE
    INSERT INTO task_counter_deltas
    SELECT hour, worker, queue, creator, creator_name, top_level,
           sum(pending), sum(running), sum(completed), sum(failed), sum(cancelled),
           sum(duration_count), sum(duration_sum), max(max_started_at), bool_or(stale_max)
    FROM (
      SELECT date_trunc('hour', x.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, x.worker, x.queue,
             coalesce(x.created_by_id, -9223372036854775807) AS creator, coalesce(x.created_by_name, '') AS creator_name,
             x.parent_id IS NULL AS top_level,
             x.sign * (x.status = 'pending')::int AS pending, x.sign * (x.status = 'running')::int AS running,
             x.sign * (x.status = 'completed')::int AS completed, x.sign * (x.status = 'failed')::int AS failed,
             x.sign * (x.status = 'cancelled')::int AS cancelled,
             x.sign * (x.status = 'completed' AND x.started_at IS NOT NULL AND x.ended_at IS NOT NULL)::int AS duration_count,
             CASE WHEN x.status = 'completed' AND x.started_at IS NOT NULL AND x.ended_at IS NOT NULL
                  THEN x.sign * EXTRACT(EPOCH FROM (x.ended_at - x.started_at)) * 1000 ELSE 0 END AS duration_sum,
             CASE WHEN x.sign = 1 THEN x.started_at END AS max_started_at,
             x.sign = -1 AND x.left_start AS stale_max
      FROM old_rows o
      JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES
        (-1, o.deleted_at, o.created_at, o.worker, o.queue, o.created_by_id, o.created_by_name, o.parent_id, o.status, o.started_at, o.ended_at,
         o.started_at IS NOT NULL AND (n.deleted_at IS NOT NULL OR n.started_at IS NULL OR n.started_at < o.started_at
                                       OR n.created_at <> o.created_at OR n.worker <> o.worker OR n.created_by_id IS DISTINCT FROM o.created_by_id)),
        (1, n.deleted_at, n.created_at, n.worker, n.queue, n.created_by_id, n.created_by_name, n.parent_id, n.status, n.started_at, n.ended_at, false)
      ) AS x (sign, deleted_at, created_at, worker, queue, created_by_id, created_by_name, parent_id, status, started_at, ended_at, left_start)
      WHERE x.deleted_at IS NULL
        AND (o.status IS DISTINCT FROM n.status OR o.started_at IS DISTINCT FROM n.started_at OR o.ended_at IS DISTINCT FROM n.ended_at
             OR o.deleted_at IS DISTINCT FROM n.deleted_at OR o.worker <> n.worker OR o.queue <> n.queue
             OR o.created_by_id IS DISTINCT FROM n.created_by_id OR o.created_by_name IS DISTINCT FROM n.created_by_name
             OR (o.parent_id IS NULL) <> (n.parent_id IS NULL) OR o.created_at <> n.created_at)
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(pending) <> 0 OR sum(running) <> 0 OR sum(completed) <> 0 OR sum(failed) <> 0 OR sum(cancelled) <> 0
        OR sum(duration_count) <> 0 OR sum(duration_sum) <> 0 OR max(max_started_at) IS NOT NULL OR bool_or(stale_max);
  END IF;
  IF random() < 0.02 THEN
    PERFORM task_counters_fold();
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER trg_tasks_counters_insert AFTER INSERT ON tasks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counters_track();
CREATE TRIGGER trg_tasks_counters_update AFTER UPDATE ON tasks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counters_track();
CREATE TRIGGER trg_tasks_counters_delete AFTER DELETE ON tasks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counters_track();
