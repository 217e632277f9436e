#!/usr/bin/env bash
# Submits a target's missing runs to Slurm: an array job with one task per `repro plan` batch, each task
# training its batch into a store of its own under a time budget, then a merge-and-render job that runs after the
# whole array, whatever its tasks' fate (--dependency=afterany). Run it from the project folder on a login node.
#   scripts/slurm/submit.sh --target "Figure1 Figure1b" --profile paper --job-budget 18000 --time-limit 360
# Submitting again later continues: finished runs are in the store, partial ones resume from their checkpoints.
# Options:
#   --target "A B"      artifacts (space-separated) or Default (default: Default)
#   --profile P         quick or paper (default: each artifact's default)
#   --job-budget S      pack batches of at most S estimated seconds (repro plan --job-budget); else --max-jobs
#   --max-jobs N        at most N batches (default 100), dealt out by count
#   --time-limit M      each task's Slurm time limit in minutes (default 360); the training budget is 20 minutes less
#   --run-dir DIR       where the batches, task stores, logs and summary go (default .repro/slurm/<date-time>)
# REPRO_SBATCH_ARGS adds options to every sbatch call (e.g. "--partition=gpu --gres=gpu:1"); REPRO_STORE is the
# store the results are merged into (default .repro/store), REPRO_DATA the data folder (shared by the tasks).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
targets=Default profile="" job_budget="" max_jobs=100 time_limit=360 run_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) targets=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --job-budget) job_budget=$2; shift 2 ;;
    --max-jobs) max_jobs=$2; shift 2 ;;
    --time-limit) time_limit=$2; shift 2 ;;
    --run-dir) run_dir=$2; shift 2 ;;
    *) echo "submit.sh: unknown option $1 (see the comments at the top of this script)" >&2; exit 2 ;;
  esac
done
run_dir=${run_dir:-.repro/slurm/$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
export REPRO_STORE=${REPRO_STORE:-$PWD/.repro/store}
export REPRO_DLL=${REPRO_DLL:-$PWD/src/Repro.Cli/bin/Release/net10.0/repro.dll}

dotnet build src/Repro.Cli -c Release --nologo -v quiet
repro() { dotnet "$REPRO_DLL" "$@"; }
plan_args=(--target "$targets")
[ -n "$profile" ] && plan_args+=(--profile "$profile")
repro data fetch "${plan_args[@]}"
if [ -n "$job_budget" ]; then plan_args+=(--job-budget "$job_budget"); else plan_args+=(--max-jobs "$max_jobs"); fi
repro plan --json "${plan_args[@]}" --batches-to "$run_dir/batches.txt" > "$run_dir/plan.json"
tasks=$(wc -l < "$run_dir/batches.txt")
cat > "$run_dir/settings.sh" <<SETTINGS
project=$(printf '%q' "$PWD")
targets=$(printf '%q' "$targets")
profile=$(printf '%q' "$profile")
time_budget=$(( (time_limit - 20) * 60 ))
export REPRO_STORE=$(printf '%q' "$REPRO_STORE") REPRO_DLL=$(printf '%q' "$REPRO_DLL")
export REPRO_THREADS=$(printf '%q' "${REPRO_THREADS:-2}")
${REPRO_DATA:+export REPRO_DATA=$(printf '%q' "$REPRO_DATA")}
SETTINGS
mkdir -p "$run_dir/logs"
echo "submit.sh: $tasks tasks to train; run folder $run_dir"
read -ra extra <<< "${REPRO_SBATCH_ARGS:-}"
dependency=""
if [ "$tasks" -gt 0 ]; then
  array=$(sbatch --parsable "${extra[@]}" --array="0-$((tasks - 1))" --time="$time_limit" --cpus-per-task="${REPRO_THREADS:-2}" \
            --job-name=repro-train --output="$run_dir/logs/train-%a.log" scripts/slurm/train-task.sh "$run_dir")
  array=${array%%;*}
  echo "submit.sh: array job $array"
  dependency="--dependency=afterany:$array"
fi
merge=$(sbatch --parsable "${extra[@]}" ${dependency:+"$dependency"} --time=120 --cpus-per-task="${REPRO_THREADS:-2}" \
          --job-name=repro-merge --output="$run_dir/logs/merge.log" scripts/slurm/merge-render.sh "$run_dir")
echo "submit.sh: merge-and-render job ${merge%%;*}; its summary will be $run_dir/summary.md"
