#!/usr/bin/env bash
# The full form of the soak proof (docs/reliability.md): 1,000,000 tasks through one `tasklane serve` on SQLite,
# sampling VmRSS and open file handles after every batch of 1,000. Prints the summary line; the samples go to
# artifacts/soak.txt. Usage: scripts/soak.sh [tasks]   (default 1000000; the CI form in .ci/run is 20,000)
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=${1:-1000000}
mkdir -p artifacts
dotnet build Tasklane.sln -v q >/dev/null
TASKLANE_SOAK_TASKS=$tasks TASKLANE_SOAK_REPORT="$(pwd)/artifacts/soak.txt" \
  dotnet test tests/Tasklane.Tests --no-build --filter "FullyQualifiedName~Proofs.SoakTests"
tail -1 artifacts/soak.txt
