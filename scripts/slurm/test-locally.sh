#!/usr/bin/env bash
# Checks scripts/slurm/ without Slurm: a fake `sbatch` on PATH runs an array's tasks one after another with
# SLURM_ARRAY_TASK_ID set (and a dependent job after them), into a store of its own; then the tables it renders
# into results/ must equal those results/ held before (a single-store render of the same target, e.g. what
# `./build.sh` just made). Used by .ci/run; cheap: Figure3 at the quick profile needs no data.
#   scripts/slurm/test-locally.sh [TARGET]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
target=${1:-Figure3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
name=$(echo "$target" | tr '[:upper:]' '[:lower:]')
reference=$scratch/reference
mkdir -p "$reference"
cp results/tables/"$name"*.md "$reference/"
mkdir -p "$scratch/bin"
cat > "$scratch/bin/sbatch" <<'FAKE'
#!/usr/bin/env bash
# Fake sbatch: --array=A-B runs the script once per task id, in order; --parsable prints the job id only.
set -uo pipefail
array="" parsable=0 output=""
while [ $# -gt 0 ]; do
  case "$1" in
    --array=*) array=${1#--array=} ;;
    --parsable) parsable=1 ;;
    --output=*) output=${1#--output=} ;;
    --*) ;;
    *) break ;;
  esac
  shift
done
script=$1; shift
job=$((RANDOM + 1000))
grep -q '^#!/usr/bin/env bash' "$script" || { echo "sbatch (fake): $script is not a bash script" >&2; exit 1; }
if [ -n "$array" ]; then
  for ((task = ${array%-*}; task <= ${array#*-}; task++)); do
    log=${output//%a/$task}
    SLURM_JOB_ID=$job SLURM_ARRAY_JOB_ID=$job SLURM_ARRAY_TASK_ID=$task bash "$script" "$@" > "${log:-/dev/stdout}" 2>&1
    echo "sbatch (fake): task $task of job $job exited $?" >&2
  done
else
  SLURM_JOB_ID=$job bash "$script" "$@" > "${output:-/dev/stdout}" 2>&1
  echo "sbatch (fake): job $job exited $?" >&2
fi
if [ "$parsable" -eq 1 ]; then echo "$job"; else echo "Submitted batch job $job"; fi
FAKE
chmod +x "$scratch/bin/sbatch"
export REPRO_STORE="$scratch/store"
PATH="$scratch/bin:$PATH" scripts/slurm/submit.sh --target "$target" --profile quick --max-jobs 3 --time-limit 30 --run-dir "$scratch/run"
cat "$scratch/run/logs/merge.log"
tasks=$(wc -l < "$scratch/run/batches.txt")
[ "$tasks" -ge 2 ] || { echo "slurm test: expected at least 2 array tasks, got $tasks" >&2; exit 1; }
grep -q "failed=0" "$scratch/run/summary.md" || { echo "slurm test: some runs failed (see above)" >&2; exit 1; }
for table in "$reference"/*.md; do
  cmp "$table" "results/tables/$(basename "$table")" || { echo "slurm test: results/tables/$(basename "$table") differs from the single-store render" >&2; exit 1; }
done
echo "slurm test: $tasks array tasks, merged and rendered; $target's tables equal the single-store render"
