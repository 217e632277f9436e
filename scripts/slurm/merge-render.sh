#!/usr/bin/env bash
# The job after the array (afterany: it runs even when tasks failed): merges every task's store into the main one
# (finished entries verified against their manifests; partial work kept for the next submission), renders the
# artifacts whose runs are all there, and writes run_dir/summary.md (runs trained, partial, failed; the claims).
#SBATCH --job-name=repro-merge
set -euo pipefail
run_dir=$1
# shellcheck source=/dev/null
. "$run_dir/settings.sh"
cd "$project"
failed=""
: > "$run_dir/failed-keys.txt"
tasks=$(wc -l < "$run_dir/batches.txt")
for ((id = 0; id < tasks; id++)); do
  code=$(cat "$run_dir/reports/task-$id.exit" 2>/dev/null || echo "none (killed, timed out or never started)")
  case "$code" in
    0|75|143) ;;   # 75: its time budget, 143: SIGTERM (preempted, cancelled); both checkpointed
    *) failed="$failed task-$id (exit $code);"; sed -n "$((id + 1))p" "$run_dir/batches.txt" | tr ' ' '\n' >> "$run_dir/failed-keys.txt" ;;
  esac
done
stores=("$run_dir"/stores/task-*)
if [ -d "${stores[0]}" ]; then
  # Exit 3: the good entries were merged, some damaged ones skipped (named on stderr); the next submission retrains them.
  code=0
  dotnet "$REPRO_DLL" merge --from "${stores[@]}" || code=$?
  [ "$code" -eq 0 ] || [ "$code" -eq 3 ] || exit "$code"
fi
plan_args=()
[ -n "$profile" ] && plan_args+=(--profile "$profile")
scripts/plan-targets.sh "$targets" "${plan_args[@]}" > "$run_dir/plan-after.json"
scripts/render-complete.sh "$run_dir/plan-after.json"
FAILED_KEYS_FILE="$run_dir/failed-keys.txt" scripts/summarize-runs.sh "$run_dir/plan.json" "$failed" | tee "$run_dir/summary.md"
[ -z "$failed" ] || { echo "merge-render: failed tasks:$failed" >&2; exit 1; }
