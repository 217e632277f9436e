#!/usr/bin/env bash
# Fetches the data sets the targets' runs need and the data folder lacks (`needs_data` in the plan), verified
# against the checksums fixed in code; nothing when they are there (an Actions cache hit, a local data folder).
#   scripts/fetch-data.sh "Figure3 FigureClippedAda" --profile quick
# Mirrors: REPRO_DATA_MIRRORS (space-separated base URLs), tried before the official addresses.
set -euo pipefail
targets=$1; shift
dll=${REPRO_DLL:-src/Repro.Cli/bin/Release/net10.0/repro.dll}
needed=$("$(dirname "${BASH_SOURCE[0]}")/plan-targets.sh" "$targets" "$@" | jq -r '[.artifacts[].runs[].needs_data // empty] | unique | .[]')
if [ -z "$needed" ]; then
  echo "fetch-data: the data folder $(dotnet "$dll" data where) holds every data set these targets need"
  exit 0
fi
args=()
for dataset in $needed; do args+=(--dataset "$dataset"); done
dotnet "$dll" data fetch "${args[@]}"
