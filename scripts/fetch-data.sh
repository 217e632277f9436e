#!/usr/bin/env bash
# Fetches the data sets the targets' runs need and the data folder lacks (`needs_data` in the plan), verified
# against the checksums fixed in code; nothing when they are there (an Actions cache hit, a local data folder).
#   scripts/fetch-data.sh "Figure3 FigureClippedAda" --profile quick
#   scripts/fetch-data.sh --keep-going "Figure3 FigureClippedAda" --profile quick
# Each data set is fetched on its own, so one that cannot be fetched (a site down) does not stop the others. Exit 1
# if any could not be fetched; with --keep-going, exit 0 all the same: the runs that need it stay `needs_data` in the
# plan, and `scripts/plan-targets.sh --skip-unfetched` leaves them out.
# Mirrors: REPRO_DATA_MIRRORS (space-separated base URLs), tried before the official addresses.
set -euo pipefail
keep_going=false
if [ "${1:-}" = "--keep-going" ]; then keep_going=true; shift; fi
targets=$1; shift
dll=${REPRO_DLL:-src/Repro.Cli/bin/Release/net10.0/repro.dll}
needed=$("$(dirname "${BASH_SOURCE[0]}")/plan-targets.sh" "$targets" "$@" | jq -r '.needs_data[]')
if [ -z "$needed" ]; then
  echo "fetch-data: the data folder $(dotnet "$dll" data where) holds every data set these targets need"
  exit 0
fi
unfetched=()
for dataset in $needed; do
  # `repro data fetch` says why in one line.
  dotnet "$dll" data fetch --dataset "$dataset" || unfetched+=("$dataset")
done
[ "${#unfetched[@]}" -eq 0 ] && exit 0
echo "fetch-data: could not fetch ${unfetched[*]}; the runs that need it cannot be trained here"
$keep_going
