#!/usr/bin/env bash
# Runs Tasklane's whole test suite on this machine.
#  1. installs what the tests need when it is missing (Debian's postgresql and chromium),
#  2. starts a throwaway PostgreSQL cluster on a free 127.0.0.1 port (initdb in a temp folder),
#  3. runs `dotnet test` with the connection string in TASKLANE_TEST_POSTGRES,
#  4. stops the cluster, and prints the totals as one line: `N passed, N failed[, N skipped]`.
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Api]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf '[test.sh] %s\n' "$*" >&2; }

# shellcheck source=scripts/pg-cluster.sh
. "$root/scripts/pg-cluster.sh"

# 1. Install what is missing.
missing=()
pg_bin >/dev/null || missing+=(postgresql)
# The browser tests launch exactly /usr/bin/chromium (Debian's package).
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing ${missing[*]} and not root: install them with apt-get"
    exit 1
  fi
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. A throwaway PostgreSQL cluster (fsync off: the tests need speed, not durability).
trap pg_cluster_stop EXIT
pg_cluster_start fsync=off
export TASKLANE_TEST_POSTGRES="$PG_CONNECTION"
export TASKLANE_TEST_PG_BIN="$PG_BIN"
log "PostgreSQL on 127.0.0.1:$PG_PORT"

# 3. The tests.
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
set +e
dotnet test "$root/Tasklane.sln" --logger "trx;LogFilePrefix=tests" --results-directory "$results" "$@"
status=$?
set -e

# 4. Totals from the TRX files, so that a run that executed nothing says so.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
if [ "$status" -eq 0 ] && ! ls "$results"/*.trx >/dev/null 2>&1; then
  log "no test results were written"
  exit 1
fi
exit $status
