#!/usr/bin/env bash
# Runs bench/Tasklane.Bench of an earlier commit and of HEAD, each against its own sources, interleaved
# (base, head, head, base) so neither side always runs on a warmer or a busier machine. Use it when both commits have
# the harness (from f96940a on); scripts/bench-vs-main.sh covers commits before it.
# Usage: scripts/bench-vs-commit.sh BASE_COMMIT [bench args, default: --quick --reps 1 --systems tasklane-sqlite,tasklane-postgres]
# Example (docs/performance.md): scripts/bench-vs-commit.sh f96940a --quick --reps 1 --systems tasklane-sqlite,tasklane-postgres --scenarios raw,drain-c10,drain-c50,pickup
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:?usage: scripts/bench-vs-commit.sh BASE_COMMIT [bench args]}
shift
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--quick --reps 1 --systems tasklane-sqlite,tasklane-postgres)
work=$(mktemp -d /tmp/tasklane-bench-vs-commit.XXXXXX)
cleanup() { for side in base head; do git -C "$root" worktree remove --force "$work/$side" >/dev/null 2>&1 || true; done; rm -rf "$work"; }
trap cleanup EXIT
git -C "$root" worktree add -q --detach "$work/base" "$base"
git -C "$root" worktree add -q --detach "$work/head" HEAD
for side in base head; do dotnet build -c Release "$work/$side/bench/Tasklane.Bench" -v q >/dev/null; done
for side in base head head base; do
  echo "=== $side ($(git -C "$work/$side" rev-parse --short HEAD)) $(date -u +%T)"
  # A failed figure makes the bench exit 1 after its run; the other runs still go.
  dotnet run -c Release --no-build --project "$work/$side/bench/Tasklane.Bench" -- "${args[@]}" 2>&1 | grep -v '^\s*$' || echo "=== $side exited with $?"
done
