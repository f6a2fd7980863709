#!/usr/bin/env bash
# CPU per 10,000 tasks of a bulk create (ITaskClient.CreateManyAsync, batches of 1,000 no-op tasks, engine off) at
# HEAD and, with BASE_COMMIT, at that commit too, interleaved (base, head, head, base), on SQLite and on a throwaway
# PostgreSQL cluster (fsync off: the work, not the disk). Client = this process's CPU (on SQLite the store's SQL runs
# in it too), server = the PostgreSQL server processes' CPU (/proc/PID/stat of the postmaster and its children).
# Usage: bench/profile/bulk_create_cpu.sh [BASE_COMMIT] [--tasks N] [--rounds R]   (docs/performance.md has a run)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
base=""
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then base=$1; shift; fi
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--tasks 20000 --rounds 3)
work=$(mktemp -d /tmp/tasklane-bulk-cpu.XXXXXX)
# shellcheck source=scripts/pg-cluster.sh
. scripts/pg-cluster.sh
cleanup() { pg_cluster_stop; [ -z "$base" ] || git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
sides=(head)
if [ -n "$base" ]; then
  git -C "$root" worktree add -q --detach "$work/base" "$base"
  # The program is this commit's: copy it into the base's tree, built against the base's sources.
  rm -rf "$work/base/bench/profile/bulk_create"
  cp -r bench/profile/bulk_create "$work/base/bench/profile/bulk_create"
  rm -rf "$work/base/bench/profile/bulk_create/bin" "$work/base/bench/profile/bulk_create/obj"
  dotnet build -c Release "$work/base/bench/profile/bulk_create" -v q >/dev/null
  sides=(base head head base)
fi
dotnet build -c Release bench/profile/bulk_create -v q >/dev/null
pg_cluster_start fsync=off
postmaster=$(head -1 "$PG_DIR/data/postmaster.pid")
for side in "${sides[@]}"; do
  dir=$root
  [ "$side" = base ] && dir=$work/base
  for store in sqlite postgres; do
    echo "=== $side ($(git -C "$dir" rev-parse --short HEAD)) $store $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet "$dir/bench/profile/bulk_create/bin/Release/net10.0/BulkCreateCpu.dll" "$store" --pg "$PG_CONNECTION" --server-pid "$postmaster" "${args[@]}"
  done
done
