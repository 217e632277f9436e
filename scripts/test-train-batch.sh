#!/usr/bin/env bash
# Checks scripts/train-batch.sh with two workers on this machine, against real `repro run` processes (needs the
# Release build and REPRO_DATA): a batch trains every key once into one store, verified; a budget stops both
# workers' runs with checkpoints (exit 75); SIGTERM to the script checkpoints both workers' runs, leaves no worker
# behind (exit 143), and the next invocation finishes them. Run by .ci/run; prints one line per check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export REPRO_DLL=${REPRO_DLL:-src/Repro.Cli/bin/Release/net10.0/repro.dll}
repro() { dotnet "$REPRO_DLL" "$@"; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "test-train-batch: $*" >&2; exit 1; }
missing() { repro plan --json --target "$1" --store "$2" | jq -r '.missing | join(" ")'; }
# Runs with resumable partial work in the store, as `repro status` lists them ("partial: step N/M, …").
partial() { repro status --store "$1" | grep -c 'partial: step' || true; }

# 1. Every key once, two workers, one store.
export REPRO_STORE=$scratch/store1
keys=$(missing Figure3 "$REPRO_STORE")
[ "$(wc -w <<< "$keys")" -ge 4 ] || fail "expected at least 4 Figure3 runs to train, got: $keys"
REPRO_WORKERS=2 scripts/train-batch.sh "$keys" 600 > "$scratch/one.log" 2>&1 || { cat "$scratch/one.log"; fail "a batch of two workers failed"; }
grep -q '^\[worker 1\] ' "$scratch/one.log" && grep -q '^\[worker 2\] ' "$scratch/one.log" || fail "the log does not show two workers"
[ -z "$(missing Figure3 "$REPRO_STORE")" ] || fail "runs are missing after the batch"
repro verify --store "$REPRO_STORE" > /dev/null || fail "repro verify rejects the store the two workers wrote"
echo "test-train-batch: two workers trained all $(wc -w <<< "$keys") Figure3 runs once into one store (verify clean)"

# 2. A budget that start-up spends: each worker's first run takes a step, checkpoints and stops; exit 75.
export REPRO_STORE=$scratch/store2
keys=$(missing Figure1 "$REPRO_STORE")
code=0
REPRO_WORKERS=2 scripts/train-batch.sh "$keys" 1 > "$scratch/two.log" 2>&1 || code=$?
[ "$code" -eq 75 ] || { cat "$scratch/two.log"; fail "a spent budget should exit 75, got $code"; }
[ "$(partial "$REPRO_STORE")" -eq 2 ] || { cat "$scratch/two.log"; fail "expected 2 checkpointed runs (one a worker), found $(partial "$REPRO_STORE")"; }
echo "test-train-batch: a spent budget stopped both workers' runs with checkpoints (exit 75)"

# 3. SIGTERM to the script while both workers train: each run checkpoints, no worker is left, exit 143; then resume.
export REPRO_STORE=$scratch/store3
keys=$(missing Figure1 "$REPRO_STORE")
REPRO_WORKERS=2 scripts/train-batch.sh "$keys" 3600 > "$scratch/three.log" 2>&1 &
script=$!
for _ in $(seq 1 600); do
  [ "$(grep -c ': step [1-9]' "$scratch/three.log" 2>/dev/null || true)" -ge 2 ] && break
  sleep 0.1
done
kill -TERM "$script"
code=0
wait "$script" || code=$?
[ "$code" -eq 143 ] || { cat "$scratch/three.log"; fail "SIGTERM should exit 143, got $code"; }
pgrep -f "run --key .*$(cut -d' ' -f1 <<< "$keys")" > /dev/null && fail "a worker is still running after the script ended"
[ "$(partial "$REPRO_STORE")" -eq 2 ] || { cat "$scratch/three.log"; fail "expected both workers' runs checkpointed, found $(partial "$REPRO_STORE")"; }
REPRO_WORKERS=2 scripts/train-batch.sh "$keys" 3600 > "$scratch/resume.log" 2>&1 || { cat "$scratch/resume.log"; fail "the rerun after SIGTERM failed"; }
grep -q 'resum' "$scratch/resume.log" || { cat "$scratch/resume.log"; fail "the rerun did not resume the checkpointed runs"; }
[ -z "$(missing Figure1 "$REPRO_STORE")" ] || fail "runs are missing after the rerun"
echo "test-train-batch: SIGTERM checkpointed both workers' runs and left no worker (exit 143); the rerun resumed and finished them"
