#!/usr/bin/env bash
# One chunk of a PostgreSQL bulk retry and bulk delete taken apart: 5,000 of 100,000 failed tasks, seeded as the bench's
# bulk scenario seeds them (bench/Tasklane.Bench/TaskSeeder.cs, SeedFailedAsync), on two schemas of one throwaway
# cluster (fsync off): "base" migrated up to version BASE_VERSION, "head" with every migration of this checkout.
# Each figure is the UPDATE of the chunk (tasks_bulk_retry.sql / tasks_bulk_delete.sql with its ids) under
# EXPLAIN (ANALYZE, BUFFERS, WAL) in a transaction that is rolled back (the tasks and their parents locked first, as
# the store does), then VACUUM. Every run is a new connection; "warm" runs a one-row UPDATE of tasks first, as a pooled
# connection of a running node has (PL/pgSQL plans the counter trigger's statements at their first run and keeps the
# plan), "cold" plans it for the chunk itself. Printed per run: execution ms, of which the counter trigger ms, WAL.
# Usage: bench/profile/pg_bulk_chunk.sh [ROUNDS (3)] [BASE_VERSION (11)]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
base_version=${2:-11}
. scripts/pg-cluster.sh
pg_cluster_start fsync=off
trap pg_cluster_stop EXIT
echo "cluster on port $PG_PORT; load average $(cut -d' ' -f1-3 /proc/loadavg)"
sql() { as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }

make_schema() { # name, highest migration version
  {
    echo "CREATE SCHEMA $1; SET search_path = $1;"
    for f in src/Tasklane.PostgreSql/Sql/Migrations/*.sql; do
      v=$(basename "$f"); v=$((10#${v%%_*}))
      [ "$v" -le "$2" ] && cat "$f" && echo ";"
    done
    cat <<'SQL'
INSERT INTO tasks (worker, action, data, queue, status, error, attempt, max_attempts, run_at, category, created_at, started_at, updated_at, ended_at)
SELECT 'bench-ghost', 'haunt', '{}'::json, 'default', 'failed', 'Simulated failure', 1, 1, t, 'system', t, t, t, t
FROM generate_series(1::bigint, 100000) AS g(i), LATERAL (SELECT now() - interval '1 hour' AS t) x;
VACUUM ANALYZE tasks;
SQL
  } | sql >/dev/null
}

retry_sql=$(grep -v '^--' src/Tasklane.PostgreSql/Sql/tasks_bulk_retry.sql)
delete_sql=$(grep -v '^--' src/Tasklane.PostgreSql/Sql/tasks_bulk_delete.sql)
lock_sql=$(grep -v '^--' src/Tasklane.PostgreSql/Sql/lock_tasks_and_parents.sql)

# schema, action (retry|delete), warm|cold, extra statement before the UPDATE (in the transaction)
chunk() {
  local update
  update=$([ "$2" = retry ] && echo "$retry_sql" || echo "$delete_sql")
  {
    echo "SET search_path = $1;"
    [ "$3" = warm ] && echo "UPDATE tasks SET progress = progress WHERE id = (SELECT min(id) FROM tasks);"
    echo "SELECT '{' || string_agg(id::text, ',' ORDER BY id DESC) || '}' AS ids FROM (SELECT id FROM tasks WHERE deleted_at IS NULL AND worker = 'bench-ghost' ORDER BY id DESC LIMIT 5000) c \\gset"
    echo "BEGIN;"
    echo "$lock_sql" | sed -e "s/@ids::bigint\[\]/:'ids'::bigint[]/g" -e 's/;$/ \\g \/dev\/null/'
    echo "${4:-}"
    echo "EXPLAIN (ANALYZE, BUFFERS, WAL) $update" | sed -e "s/@ids::bigint\[\]/:'ids'::bigint[]/g" -e "s/@now/now()/g"
    echo "ROLLBACK;"
    echo "VACUUM tasks;"
  } | sql -At | awk -v label="$1 $2 $3${4:+ ($4)}" '
      /Trigger trg_tasks_counters_update/ { match($0, /time=[0-9.]+/); trig = substr($0, RSTART + 5, RLENGTH - 5) }
      /^ *WAL:/ && !wal { wal = $0; sub(/^ */, "", wal) }
      /Execution Time/ { split($0, a, ": "); exec = a[2] }
      END { printf "%-60s %10s  trigger %8s ms  %s\n", label, exec, trig, wal }'
}

make_schema base "$base_version"
make_schema head 9999
echo "indexes of tasks: base $(sql -At -c "SELECT count(*) FROM pg_indexes WHERE schemaname = 'base' AND tablename = 'tasks'")," \
  "head $(sql -At -c "SELECT count(*) FROM pg_indexes WHERE schemaname = 'head' AND tablename = 'tasks'")"
for round in $(seq 1 "$rounds"); do
  echo "--- round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for schema in base head; do
    chunk "$schema" retry warm
    chunk "$schema" retry cold
    chunk "$schema" retry warm "ALTER TABLE tasks DISABLE TRIGGER trg_tasks_counters_update;"
    chunk "$schema" retry warm "DROP INDEX ix_tasks_search;"
    chunk "$schema" delete warm
    chunk "$schema" delete warm "ALTER TABLE tasks DISABLE TRIGGER trg_tasks_counters_update;"
  done
done
