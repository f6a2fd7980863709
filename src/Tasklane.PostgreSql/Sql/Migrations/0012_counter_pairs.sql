-- Tasklane PostgreSQL schema, version 12: the counter trigger of an UPDATE pairs its old and new rows in linear time.
-- Version 4 joined the transition tables on id. PL/pgSQL plans that join once per connection, with the row counts of
-- the first UPDATE it saw (nearly always one row), and keeps the plan: a nested loop, so an UPDATE of 5,000 tasks (a
-- bulk chunk) compared 5,000 × 5,000 rows. Now the old rows (side -1) and the new rows (side 1) are appended and grouped
-- by id, which takes the same time whatever the plan (a hash or a sort of both sides); each group is the one pair the
-- join gave, and everything after the pairing is as in version 4, so the appended changes are the same rows.
-- INSERT and DELETE did not join and are unchanged.
CREATE OR REPLACE FUNCTION task_counters_track() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
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
    WITH sides AS (
      SELECT -1 AS side, id, deleted_at, created_at, worker, queue, created_by_id, created_by_name, parent_id IS NULL AS top_level,
             status, started_at, ended_at
      FROM old_rows
      UNION ALL
      SELECT 1, id, deleted_at, created_at, worker, queue, created_by_id, created_by_name, parent_id IS NULL,
             status, started_at, ended_at
      FROM new_rows
    ), pairs AS (
      -- One group per updated row: o_* from its old version, n_* from its new one (a filtered max over one row).
      SELECT max(deleted_at) FILTER (WHERE side < 0) AS o_deleted_at, max(deleted_at) FILTER (WHERE side > 0) AS n_deleted_at,
             max(created_at) FILTER (WHERE side < 0) AS o_created_at, max(created_at) FILTER (WHERE side > 0) AS n_created_at,
             max(worker) FILTER (WHERE side < 0) AS o_worker, max(worker) FILTER (WHERE side > 0) AS n_worker,
             max(queue) FILTER (WHERE side < 0) AS o_queue, max(queue) FILTER (WHERE side > 0) AS n_queue,
             max(created_by_id) FILTER (WHERE side < 0) AS o_created_by_id, max(created_by_id) FILTER (WHERE side > 0) AS n_created_by_id,
             max(created_by_name) FILTER (WHERE side < 0) AS o_created_by_name, max(created_by_name) FILTER (WHERE side > 0) AS n_created_by_name,
             bool_or(top_level) FILTER (WHERE side < 0) AS o_top_level, bool_or(top_level) FILTER (WHERE side > 0) AS n_top_level,
             max(status) FILTER (WHERE side < 0) AS o_status, max(status) FILTER (WHERE side > 0) AS n_status,
             max(started_at) FILTER (WHERE side < 0) AS o_started_at, max(started_at) FILTER (WHERE side > 0) AS n_started_at,
             max(ended_at) FILTER (WHERE side < 0) AS o_ended_at, max(ended_at) FILTER (WHERE side > 0) AS n_ended_at
      FROM sides
      GROUP BY id
    )
    SELECT hour, worker, queue, creator, creator_name, top_level,
           sum(pending), sum(running), sum(completed), sum(failed), sum(cancelled),
           sum(duration_count), sum(duration_sum), max(max_started_at), bool_or(stale_max)
    FROM (
      SELECT date_trunc('hour', x.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, x.worker, x.queue,
             coalesce(x.created_by_id, -9223372036854775807) AS creator, coalesce(x.created_by_name, '') AS creator_name,
             x.top_level,
             x.sign * (x.status = 'pending')::int AS pending, x.sign * (x.status = 'running')::int AS running,
             x.sign * (x.status = 'completed')::int AS completed, x.sign * (x.status = 'failed')::int AS failed,
             x.sign * (x.status = 'cancelled')::int AS cancelled,
             x.sign * (x.status = 'completed' AND x.started_at IS NOT NULL AND x.ended_at IS NOT NULL)::int AS duration_count,
             CASE WHEN x.status = 'completed' AND x.started_at IS NOT NULL AND x.ended_at IS NOT NULL
                  THEN x.sign * EXTRACT(EPOCH FROM (x.ended_at - x.started_at)) * 1000 ELSE 0 END AS duration_sum,
             CASE WHEN x.sign = 1 THEN x.started_at END AS max_started_at,
             x.sign = -1 AND x.left_start AS stale_max
      FROM pairs p
      CROSS JOIN LATERAL (VALUES
        (-1, p.o_deleted_at, p.o_created_at, p.o_worker, p.o_queue, p.o_created_by_id, p.o_created_by_name, p.o_top_level, p.o_status,
         p.o_started_at, p.o_ended_at,
         p.o_started_at IS NOT NULL AND (p.n_deleted_at IS NOT NULL OR p.n_started_at IS NULL OR p.n_started_at < p.o_started_at
                                         OR p.n_created_at <> p.o_created_at OR p.n_worker <> p.o_worker
                                         OR p.n_created_by_id IS DISTINCT FROM p.o_created_by_id)),
        (1, p.n_deleted_at, p.n_created_at, p.n_worker, p.n_queue, p.n_created_by_id, p.n_created_by_name, p.n_top_level, p.n_status,
         p.n_started_at, p.n_ended_at, false)
      ) AS x (sign, deleted_at, created_at, worker, queue, created_by_id, created_by_name, top_level, status, started_at, ended_at, left_start)
      WHERE x.deleted_at IS NULL
        AND (p.o_status IS DISTINCT FROM p.n_status OR p.o_started_at IS DISTINCT FROM p.n_started_at
             OR p.o_ended_at IS DISTINCT FROM p.n_ended_at OR p.o_deleted_at IS DISTINCT FROM p.n_deleted_at
             OR p.o_worker <> p.n_worker OR p.o_queue <> p.n_queue
             OR p.o_created_by_id IS DISTINCT FROM p.n_created_by_id OR p.o_created_by_name IS DISTINCT FROM p.n_created_by_name
             OR p.o_top_level <> p.n_top_level OR p.o_created_at <> p.n_created_at)
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
