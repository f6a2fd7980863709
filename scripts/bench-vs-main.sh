#!/usr/bin/env bash
# Runs the same workload on an earlier commit of main and on this checkout's HEAD, interleaved, in one run: the earlier
# commit's own benchmark program (created → completed throughput and pickup latency of demo/noop tasks) is built once
# against that commit's sources and once against HEAD's, so both sides run the very same program. SQLite, then a
# throwaway PostgreSQL cluster (fsync on). Three rounds, base then head, then head then base, ...
# Usage: scripts/bench-vs-main.sh [BASE_COMMIT (default 736a0ae, main before the performance work)] [bench args]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:-736a0ae}
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--tasks 5000 --concurrency 10 --latency-samples 100)
# shellcheck source=scripts/pg-cluster.sh
. "$root/scripts/pg-cluster.sh"

work=$(mktemp -d /tmp/tasklane-bench-vs.XXXXXX)
cleanup() { pg_cluster_stop; git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; git -C "$root" worktree remove --force "$work/head" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git -C "$root" worktree add -q --detach "$work/base" "$base"
git -C "$root" worktree add -q --detach "$work/head" HEAD
# The base's benchmark program, beside HEAD's sources (its project references are relative: ../../src/...).
rm -rf "$work/head/bench/Baseline" && cp -r "$work/base/bench/Tasklane.Bench" "$work/head/bench/Baseline"
dotnet build -c Release "$work/base/bench/Tasklane.Bench" -v q >/dev/null
dotnet build -c Release "$work/head/bench/Baseline" -v q >/dev/null
run() { # side store
  local dir=$work/base/bench/Tasklane.Bench
  [ "$1" = head ] && dir=$work/head/bench/Baseline
  if [ "$2" = sqlite ]; then dotnet run -c Release --no-build --project "$dir" -- "${args[@]}"
  else dotnet run -c Release --no-build --project "$dir" -- "${args[@]}" --postgres "$PG_CONNECTION"; fi | sed "s/^/[$1 $2] /"
}
pg_cluster_start fsync=on
for round in 1 2 3; do
  for store in sqlite postgres; do
    if [ $((round % 2)) -eq 1 ]; then run base $store; run head $store; else run head $store; run base $store; fi
  done
done
