#!/usr/bin/env bash
# The job after the array (afterany: it runs even when tasks failed): merges every task's store into the main one
# (finished entries verified against their manifests; partial work kept for the next submission), renders the
# artifacts whose runs are all there, and writes run_dir/summary.md (runs trained, partial, failed; the claims).
# Exit 1 naming the failed tasks (a task without a report was killed, timed out or never started).
#SBATCH --job-name=repro-merge
set -euo pipefail
run_dir=$1
# shellcheck source=/dev/null
. "$run_dir/settings.sh"
cd "$project"
repro() { dotnet "$REPRO_DLL" "$@"; }
stores=("$run_dir"/stores/task-*)
# A damaged entry is skipped (named on stderr); the next submission trains it again.
if [ -d "${stores[0]}" ]; then repro merge --allow-skipped --from "${stores[@]}"; fi
profile_args=()
[ -n "$profile" ] && profile_args+=(--profile "$profile")
repro render --complete-only --target "$targets" "${profile_args[@]}"
repro status --summary-markdown "$run_dir/plan.json" --batch-reports "$run_dir"/reports/task-* --fail-if-failed | tee "$run_dir/summary.md"
