#!/usr/bin/env bash
# Fills a Tasklane store with N synthetic tasks for measuring the list, count and statistics queries.
#   scripts/seed-tasks.sh sqlite FILE [N=1000000]       (the file must be migrated: run `tasklane serve` once, or the store's MigrateAsync)
#   scripts/seed-tasks.sh postgres CONNINFO [N=2000000]  (psql conninfo, e.g. "host=127.0.0.1 port=5432 user=postgres"; schema tasklane, migrated)
# The mix: 10 workers (2 actions each) over 3 queues; created_at spread over the last 60 days; statuses 85 % completed,
# 6 % failed, 3 % cancelled, 4 % pending, 2 % running; creators: admin (id 1) 90 %, operator (id 2) 1 %, system (NULL)
# 9 %; a progress message on most rows. Rows are inserted with plain INSERT ... SELECT, so the store's triggers
# (counters, search index) see them as they would see real tasks.
set -euo pipefail
kind=${1:?sqlite or postgres}
target=${2:?file or conninfo}
case "$kind" in
  sqlite)
    n=${3:-1000000}
    sqlite3 "$target" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n),
rows AS (
  SELECT i,
         CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 60 * 86400000 + (i * (60 * 86400000 / $n)) AS created_at,
         abs(random()) % 100 AS s, abs(random()) % 100 AS c, i % 10 AS w
  FROM seq)
INSERT INTO tasks (worker, action, data, queue, priority, status, progress, message, attempt, max_attempts, run_at,
                   created_by_id, created_by_name, category, created_at, started_at, updated_at, ended_at, error)
SELECT 'worker' || w,
       CASE WHEN i % 2 = 0 THEN 'import' ELSE 'export' END,
       '{"n":' || i || '}',
       CASE WHEN w < 6 THEN 'default' WHEN w < 9 THEN 'high' ELSE 'emails' END,
       'normal',
       CASE WHEN s < 85 THEN 'completed' WHEN s < 91 THEN 'failed' WHEN s < 94 THEN 'cancelled' WHEN s < 98 THEN 'pending' ELSE 'running' END,
       CASE WHEN s < 85 THEN 100 ELSE 40 END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE 'Processed ' || (i % 997) || ' rows of batch ' || (i % 101) END,
       1, 3, created_at,
       CASE WHEN c = 0 THEN 2 WHEN c < 91 THEN 1 ELSE NULL END,
       CASE WHEN c = 0 THEN 'operator' WHEN c < 91 THEN 'admin' ELSE NULL END,
       CASE WHEN c < 91 THEN 'user' ELSE 'system' END,
       created_at,
       CASE WHEN s < 94 OR s >= 98 THEN created_at + 1000 END,
       created_at + 2000,
       CASE WHEN s < 94 THEN created_at + 1000 + (i % 5000) END,
       CASE WHEN s >= 85 AND s < 91 THEN 'Timeout talking to host ' || (i % 37) END
FROM rows;
COMMIT;
ANALYZE;
SQL
    ;;
  postgres)
    n=${3:-2000000}
    psql -q -v ON_ERROR_STOP=1 "$target" <<SQL
SET search_path = tasklane;
INSERT INTO tasks (worker, action, data, queue, priority, status, progress, message, attempt, max_attempts, run_at,
                   created_by_id, created_by_name, category, created_at, started_at, updated_at, ended_at, error)
SELECT 'worker' || w,
       CASE WHEN i % 2 = 0 THEN 'import' ELSE 'export' END,
       json_build_object('n', i),
       CASE WHEN w < 6 THEN 'default' WHEN w < 9 THEN 'high' ELSE 'emails' END,
       'normal',
       CASE WHEN s < 85 THEN 'completed' WHEN s < 91 THEN 'failed' WHEN s < 94 THEN 'cancelled' WHEN s < 98 THEN 'pending' ELSE 'running' END,
       CASE WHEN s < 85 THEN 100 ELSE 40 END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE 'Processed ' || (i % 997) || ' rows of batch ' || (i % 101) END,
       1, 3, created_at,
       CASE WHEN c = 0 THEN 2 WHEN c < 91 THEN 1 END,
       CASE WHEN c = 0 THEN 'operator' WHEN c < 91 THEN 'admin' END,
       CASE WHEN c < 91 THEN 'user' ELSE 'system' END,
       created_at,
       CASE WHEN s < 94 OR s >= 98 THEN created_at + interval '1 second' END,
       created_at + interval '2 seconds',
       CASE WHEN s < 94 THEN created_at + interval '1 second' + (i % 5000) * interval '1 millisecond' END,
       CASE WHEN s >= 85 AND s < 91 THEN 'Timeout talking to host ' || (i % 37) END
FROM (
  SELECT i, date_trunc('milliseconds', now() - interval '60 days' + i * (interval '60 days' / $n)) AS created_at,
         (random() * 100)::int % 100 AS s, (random() * 100)::int % 100 AS c, i % 10 AS w
  FROM generate_series(1, $n) AS i
) r;
VACUUM ANALYZE tasks;
SQL
    ;;
  *) echo "unknown store kind: $kind" >&2; exit 1 ;;
esac
