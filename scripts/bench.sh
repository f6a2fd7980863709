#!/usr/bin/env bash
# Runs the benchmark of docs/performance.md (Release build): Tasklane beside Hangfire in one run. The bench starts and stops
# its own throwaway PostgreSQL cluster (fsync on) unless --postgres is given; see bench/README.md.
# Usage: scripts/bench.sh [--quick] [--postgres CONNSTR] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Tasklane.Bench -- "$@"
