#!/usr/bin/env bash
# One task of the array submit.sh makes: trains batch number SLURM_ARRAY_TASK_ID of the plan into a store of its
# own, resuming the batch's partial work from the main store, under a time budget below the task's time limit.
# Preemption, scancel and the time limit send SIGTERM to the task: exec makes repro the task's process, so it hears
# it, checkpoints its run in progress and stops; --resumable-ok makes that (and a spent budget) exit 0, and --report
# records the real exit code for merge-render.sh.
#SBATCH --job-name=repro-train
set -euo pipefail
run_dir=$1
# shellcheck source=/dev/null
. "$run_dir/settings.sh"
cd "$project"
id=${SLURM_ARRAY_TASK_ID:?not run as a Slurm array task}
batch=$(sed -n "$((id + 1))p" "$run_dir/batches.txt")
task_store=$run_dir/stores/task-$id
dotnet "$REPRO_DLL" store export-partial --keys "$batch" --to "$task_store"
exec dotnet "$REPRO_DLL" run --store "$task_store" --key "$batch" --time-budget "$time_budget" \
  --report "$run_dir/reports/task-$id" --resumable-ok
