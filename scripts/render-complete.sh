#!/usr/bin/env bash
# Renders every artifact of a plan whose runs are all in the store, and lists the others (a run still training,
# stopped at its time budget, or failed). Never trains: gathering jobs render what the training jobs produced.
#   scripts/render-complete.sh plan.json     (a plan made after the merge, e.g. by scripts/plan-targets.sh)
# A complete artifact is rendered as `./build.sh` renders it: each run group at the best profile the store holds
# (so a Figure3 whose quick and paper runs are the same runs says "paper", on one machine and after a fan-out alike).
# Exit 0 when every rendering that was attempted succeeded, even if some artifacts were incomplete.
set -euo pipefail
plan=$1
dll=${REPRO_DLL:-src/Repro.Cli/bin/Release/net10.0/repro.dll}
while IFS=$'\t' read -r name profile cached total; do
  if [ "$cached" -eq "$total" ]; then
    dotnet "$dll" render --target "$name"
  else
    echo "render-complete: $name ($profile): $cached of $total runs in the store; not rendered until the rest are"
  fi
done < <(jq -r '.artifacts[] | [.name, .profile, ([.runs[] | select(.status == "cached")] | length), (.runs | length)] | @tsv' "$plan")
