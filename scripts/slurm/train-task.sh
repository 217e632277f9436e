#!/usr/bin/env bash
# One task of the array submit.sh makes: trains batch number SLURM_ARRAY_TASK_ID of the plan into a store of its
# own, resuming the batch's partial work from the main store, under a time budget below the task's time limit.
# Exit 75 from `repro run` (stopped at the budget, checkpointed, resumable) is not a failure, nor is 143: preemption,
# scancel and the time limit send SIGTERM to this shell and to repro alike; repro checkpoints its run in progress and
# exits 143, and the trap keeps this shell alive (without it bash dies at once) to record that and exit 0.
#SBATCH --job-name=repro-train
set -euo pipefail
run_dir=$1
# shellcheck source=/dev/null
. "$run_dir/settings.sh"
cd "$project"
id=${SLURM_ARRAY_TASK_ID:?not run as a Slurm array task}
batch=$(sed -n "$((id + 1))p" "$run_dir/batches.txt")
main_store=$REPRO_STORE
export REPRO_STORE=$run_dir/stores/task-$id
mkdir -p "$REPRO_STORE/.work" "$run_dir/reports"
for key in $batch; do
  if [ -d "$main_store/.work/$key" ] && [ ! -d "$REPRO_STORE/.work/$key" ]; then
    cp -a "$main_store/.work/$key" "$REPRO_STORE/.work/"; echo "train-task: resuming $key"
  fi
done
trap 'echo "train-task: SIGTERM: the run in progress checkpoints and stops"' TERM
status=0
dotnet "$REPRO_DLL" run --key "$batch" --time-budget "$time_budget" || status=$?
echo "$status" > "$run_dir/reports/task-$id.exit"
if [ "$status" -eq 75 ]; then echo "train-task: time budget reached; the partial run is kept for the next submission"; exit 0; fi
if [ "$status" -eq 143 ]; then echo "train-task: stopped by SIGTERM; the partial run is kept for the next submission"; exit 0; fi
exit "$status"
