#!/usr/bin/env bash
# Runs the benchmark of docs/performance.md (Release build) on SQLite, then on a throwaway PostgreSQL cluster
# (started like the tests' one, but with fsync on, as a real server runs), and stops it.
# Usage: scripts/bench.sh [extra bench arguments, e.g. --tasks 5000 --concurrency 10 --latency-samples 200]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=scripts/pg-cluster.sh
. "$root/scripts/pg-cluster.sh"

if ! pg_bin >/dev/null; then
  echo "[bench.sh] PostgreSQL is missing: run scripts/test.sh once (it installs it) or apt-get install postgresql" >&2
  exit 1
fi

dotnet build -c Release bench/Tasklane.Bench -v q >/dev/null
bench() { dotnet run -c Release --no-build --project bench/Tasklane.Bench -- "$@"; }

echo "== SQLite"
bench "$@"

trap pg_cluster_stop EXIT
pg_cluster_start fsync=on
echo "== PostgreSQL (throwaway cluster on 127.0.0.1:$PG_PORT, fsync on)"
bench "$@" --postgres "$PG_CONNECTION"
