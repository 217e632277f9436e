#!/usr/bin/env bash
# Trains one batch of runs (keys from `repro plan --json`) with as many `repro run` processes side by side as the
# machine has room for, all into REPRO_STORE, each under the same time budget:
#   scripts/train-batch.sh "KEY KEY ..." TIME_BUDGET_SECONDS
# Room: a run is pinned to REPRO_THREADS threads (default 2; part of every key, so a run never takes more), and a
# paper-profile CIFAR-10 run peaks at several GB, so one worker per REPRO_THREADS cores and per
# REPRO_WORKER_MEMORY_GB (default 7) of memory; REPRO_WORKERS sets the count outright. A GitHub runner for a public
# repository (4 cores, 16 GB) gets two workers, twice the runs a night; a 2-core machine one, exactly as before.
# The keys are dealt round-robin in the batch's order (the plan lists a batch longest first); a run holds its key's
# lock, so no two workers ever train one key.
# Exit code: 0 when every worker finished its runs; otherwise the first worker failure's code, else 130/143 when
# interrupted, else 75 when a worker stopped at the budget (its run checkpointed; the next invocation resumes it).
# SIGINT/SIGTERM to this script reach each worker once, as SIGTERM (workers run in sessions of their own, so a signal
# to this script's process group is not delivered twice, which would make repro quit without its checkpoint).
# `train-batch.sh --workers` prints how many workers this machine gets (the nightly's plan packs that many jobs' work
# into a batch).
set -uo pipefail
threads=${REPRO_THREADS:-2}
memory_gb=$(awk '/^MemTotal:/ { print int($2 / 1048576) }' /proc/meminfo 2>/dev/null || echo 0)
by_cores=$(( $(nproc) / threads ))
by_memory=$(( memory_gb / ${REPRO_WORKER_MEMORY_GB:-7} ))
workers=${REPRO_WORKERS:-$(( by_cores < by_memory ? by_cores : by_memory ))}
[[ "$workers" =~ ^[0-9]+$ ]] || { echo "train-batch.sh: REPRO_WORKERS must be a whole number, got '$workers'" >&2; exit 2; }
(( workers < 1 )) && workers=1
if [ $# -eq 1 ] && [ "$1" = --workers ]; then echo "$workers"; exit 0; fi

[ $# -eq 2 ] || { echo "usage: train-batch.sh \"KEY KEY ...\" TIME_BUDGET_SECONDS, or train-batch.sh --workers" >&2; exit 2; }
read -r -a keys <<< "$1"
budget=$2
repro=${REPRO_DLL:-src/Repro.Cli/bin/Release/net10.0/repro.dll}
[ "${#keys[@]}" -gt 0 ] || { echo "train-batch.sh: no keys given" >&2; exit 2; }
(( workers > ${#keys[@]} )) && workers=${#keys[@]}

if (( workers == 1 )); then
  exec dotnet "$repro" run --key "${keys[*]}" --time-budget "$budget"
fi

echo "train-batch: ${#keys[@]} runs in $workers workers ($(nproc) cores, ${memory_gb} GB, $threads threads a run)"
codes=$(mktemp -d)
pids=()
# SIGTERM to each worker's group for either signal: a non-interactive shell starts background commands with SIGINT
# ignored, and .NET keeps an ignored signal ignored, so a worker would never see a forwarded SIGINT.
interrupted=0
# Once: repro takes a second signal as "quit now, without the checkpoint".
forward() {
  (( interrupted != 0 )) && return
  interrupted=$1
  for pid in "${pids[@]+"${pids[@]}"}"; do kill -TERM -- "-$pid" 2>/dev/null; done
}
trap 'forward 130' INT
trap 'forward 143' TERM
for ((w = 1; w <= workers; w++)); do
  share=()
  for ((i = w - 1; i < ${#keys[@]}; i += workers)); do share+=("${keys[$i]}"); done
  # A session of its own (setsid: this shell leads the group, `repro` is its child, which the shell's trap handler
  # leaves at the default disposition) so that a signal to this script's group does not reach it twice; the shell
  # records repro's exit code. sed prefixes each line with the worker's number.
  setsid bash -c 'trap : TERM; dotnet "$0" run --key "$1" --time-budget "$2"; echo $? > "$3"' \
    "$repro" "${share[*]}" "$budget" "$codes/$w" > >(sed -u "s/^/[worker $w] /") 2>&1 &
  pids+=($!)
done

# A trapped signal ends `wait` early; wait again until each worker has ended.
for pid in "${pids[@]}"; do
  while kill -0 "$pid" 2>/dev/null; do wait "$pid"; done
done
wait   # the sed prefixes flush their last lines

failure=0 stopped=0
for ((w = 1; w <= workers; w++)); do
  code=$(cat "$codes/$w" 2>/dev/null || echo "none")
  case "$code" in
    0) ;;
    75) stopped=1 ;;
    130|143) (( interrupted == 0 )) && interrupted=$code ;;
    *) echo "train-batch: worker $w failed (exit $code)" >&2; [ "$failure" = 0 ] && failure=$code ;;
  esac
done
rm -rf "$codes"
if [ "$failure" = none ]; then exit 1; fi
if (( failure != 0 )); then exit "$failure"; fi
if (( interrupted != 0 )); then exit "$interrupted"; fi
if (( stopped )); then exit 75; fi
exit 0
