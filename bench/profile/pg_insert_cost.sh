#!/usr/bin/env bash
# Wall time per task of a multi-row create on PostgreSQL (chunks of 1,000 tasks and their first log lines, one
# transaction each, as the bulk create writes them), with the whole schema and without parts of migration 0004 (the
# trigram search index, the counter trigger, every read-side index and trigger). A throwaway cluster (fsync off: the
# statements' work, not the disk). Prints µs per task per round; compare the variants of one round.
# Usage: bench/profile/pg_insert_cost.sh [rounds]   (docs/performance.md has a run)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-4}
# shellcheck source=scripts/pg-cluster.sh
. scripts/pg-cluster.sh
pg_cluster_start fsync=off
trap pg_cluster_stop EXIT
sql() { psql -q -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
variants=(full nosearch nocounters no0004)
for v in "${variants[@]}"; do
  sql -c "CREATE SCHEMA prof_$v;" >/dev/null
  for f in src/Tasklane.PostgreSql/Sql/Migrations/*.sql; do { echo "SET search_path = prof_$v, public;"; cat "$f"; } | sql >/dev/null 2>&1; done
done
sql -c "DROP INDEX prof_nosearch.ix_tasks_search;"
sql -c "DROP TRIGGER trg_tasks_counters_insert ON prof_nocounters.tasks;"
sql -c "DROP TRIGGER trg_tasks_counters_insert ON prof_no0004.tasks;"
for ix in ix_tasks_search ix_tasks_list_status ix_tasks_list_worker ix_tasks_list_action ix_tasks_list_queue ix_tasks_list_creator \
          ix_tasks_list_creator_status ix_tasks_list_creator_name ix_tasks_created_at; do sql -c "DROP INDEX prof_no0004.$ix;"; done
chunk="BEGIN;
WITH inserted AS (
  INSERT INTO tasks (worker, action, data, queue, priority, status, progress, attempt, attempt_base, max_attempts,
    run_at, created_by_id, created_by_name, category, created_at, updated_at, cancel_requested)
  SELECT 'bench', 'noop', '{}'::json, 'default', 'normal', 'pending', 0, 0, 0, 1, now(), 1, 'admin', 'user', now(), now(), false
  FROM generate_series(1, 1000)
  RETURNING *
), logged AS (
  INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
  SELECT id, created_at, 'info', 'Created by admin', status, progress, processed, total, eta_seconds FROM inserted
)
SELECT count(*) FROM inserted;
COMMIT;"
for r in $(seq "$rounds"); do
  for v in "${variants[@]}"; do
    script=$(echo "SET search_path = prof_$v, public;"; for _ in $(seq 20); do echo "$chunk"; done)
    start=$(date +%s%N)
    echo "$script" | sql >/dev/null
    echo "$r $v $(( ($(date +%s%N) - start) / 20000 / 1000 )) µs/task"
  done
done
