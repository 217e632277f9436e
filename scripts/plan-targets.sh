#!/usr/bin/env bash
# One plan for several targets: `repro plan --json` per target, joined into one JSON object on stdout with the
# same fields (`missing`, `batches`, `artifacts`). A run shared by two targets (FigureClippedAda and Table2 share
# every run) has one key: it is listed, and batched, once. Two more fields name what the data folder lacks, for the
# scripts and workflows that act on it: `needs_data` (the data sets, e.g. ["cifar10"]) and `artifacts_needing_data`.
#   scripts/plan-targets.sh "Figure3 FigureClippedAda" --profile quick --job-budget 3600
#   scripts/plan-targets.sh --skip-unfetched "Figure3 FigureClippedAda" ...
# --skip-unfetched: leave out of `missing` and `batches` the runs whose data set the data folder still lacks (after
# scripts/fetch-data.sh, one that could not be fetched), so that no job is planned to fail for want of data; the
# runs stay in `artifacts` with their `needs_data`, so a summary can name them.
# Needs jq, and the repro tool built (REPRO_DLL, default the Release build).
set -euo pipefail
skip_unfetched=false
if [ "${1:-}" = "--skip-unfetched" ]; then skip_unfetched=true; shift; fi
targets=$1; shift
dll=${REPRO_DLL:-src/Repro.Cli/bin/Release/net10.0/repro.dll}
plans=$(mktemp -d)
trap 'rm -rf "$plans"' EXIT
i=0
for target in $targets; do
  dotnet "$dll" plan --json --target "$target" "$@" > "$plans/$i.json"
  i=$((i + 1))
done
[ "$i" -gt 0 ] || { echo "plan-targets.sh: no target given" >&2; exit 2; }
jq -s '
  { missing: (map(.missing) | add | reduce .[] as $k ([]; if index([$k]) then . else . + [$k] end)),
    batches: (reduce (map(.batches) | add | .[]) as $b ({seen: {}, out: []};
                . as $s
                | [$b | split(" ")[] | select(. != "" and ($s.seen[.] | not))] as $new
                | .seen += ($new | map({(.): true}) | add // {})
                | if ($new | length) > 0 then .out += [$new | join(" ")] else . end)
              | .out),
    artifacts: (map(.artifacts) | add | unique_by(.name)) }
  + (.[0] | del(.missing, .batches, .artifacts))
  | .needs_data = ([.artifacts[].runs[].needs_data // empty] | unique)
  | .artifacts_needing_data = [.artifacts[] | select(any(.runs[]; .needs_data != null)) | .name]' "$plans"/*.json > "$plans/joined"
if $skip_unfetched; then
  jq '[.artifacts[].runs[] | select(.needs_data != null) | .key] as $unfetched
      | .missing -= $unfetched
      | .batches = [.batches[] | split(" ") | map(select(. as $k | $unfetched | index([$k]) | not))
                    | select(length > 0) | join(" ")]' "$plans/joined"
else
  cat "$plans/joined"
fi
