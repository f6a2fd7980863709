#!/usr/bin/env bash
# What an idle `tasklane serve` does: its CPU time (utime + stime from /proc/PID/stat) over a window that starts after
# some uptime, on a fresh store with nobody calling it; on PostgreSQL also the statements it sent in that window
# (pg_stat_statements, calls per statement); then, for a second window of the same length, its system calls
# (strace -c -f: wake-ups show as futex/epoll_wait, store round trips as sendto/recvfrom on PostgreSQL and as
# fcntl locks/pread64 on SQLite). strace slows what it traces, so the CPU window is never traced.
# Needs the Release build of src/Tasklane.Cli (dotnet build -c Release src/Tasklane.Cli), or TASKLANE_CLI=path/Tasklane.Cli.dll.
# Usage: bench/profile/idle_cpu.sh sqlite|postgres [uptime_s=120] [window_s=60] [strace:yes|no]
# docs/performance.md ("Idle CPU") has runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
store=${1:?usage: bench/profile/idle_cpu.sh sqlite|postgres [uptime_s] [window_s] [strace]}
uptime_s=${2:-120}
window_s=${3:-60}
trace=${4:-yes}
cli=${TASKLANE_CLI:-src/Tasklane.Cli/bin/Release/net10.0/Tasklane.Cli.dll}
[ -f "$cli" ] || { echo "build first: dotnet build -c Release src/Tasklane.Cli" >&2; exit 2; }
work=$(mktemp -d /tmp/tasklane-idle.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pid=
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ "$store" = postgres ] && pg_cluster_stop
  rm -rf "$work"
}
trap cleanup EXIT
args=(serve --urls "http://127.0.0.1:$port" --admin-password idle-admin-password)
if [ "$store" = postgres ]; then
  # shellcheck source=scripts/pg-cluster.sh
  . scripts/pg-cluster.sh
  pg_cluster_start fsync=off shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all
  sql() { psql -q -X -A -t -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
  sql -c "CREATE EXTENSION pg_stat_statements;" >/dev/null
  args+=(--postgres "$PG_CONNECTION" --postgres-schema idle)
else
  args+=(--db "$work/tasklane.db")
fi
Logging__LogLevel__Default=Warning dotnet "$cli" "${args[@]}" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
cpu() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$pid/stat"; }
started=$(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[20] }' "/proc/$pid/stat")
hz=$(getconf CLK_TCK)
boot_s=$(awk '{ print $1 }' /proc/uptime)
age=$(awk -v b="$boot_s" -v s="$started" -v hz="$hz" 'BEGIN { printf "%d", b - s / hz }')
[ "$age" -lt "$uptime_s" ] && sleep $((uptime_s - age))
[ "$store" = postgres ] && sql -c "SELECT pg_stat_statements_reset();" >/dev/null
before=$(cpu)
load=$(cut -d' ' -f1 /proc/loadavg)
sleep "$window_s"
after=$(cpu)
awk -v a="$after" -v b="$before" -v w="$window_s" -v hz="$hz" -v s="$store" -v l="$load" \
  'BEGIN { printf "%s idle: %.2f s CPU in %d s = %.2f %% of a core (load %s at the start)\n", s, (a - b) / hz, w, 100 * (a - b) / hz / w, l }'
if [ "$store" = postgres ]; then
  echo "statements in those $window_s s (pg_stat_statements calls, without this script's own):"
  sql -F $'\t' -c "SELECT calls, left(regexp_replace(query, '\s+', ' ', 'g'), 110) FROM pg_stat_statements
    WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC, query;"
fi
if [ "$trace" = yes ]; then
  echo "system calls in the next $window_s s (strace -c -f):"
  timeout -s INT "$window_s" strace -c -f -p "$pid" -o "$work/strace.txt" >/dev/null 2>&1 || true
  head -n 25 "$work/strace.txt"
fi
