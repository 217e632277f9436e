#!/usr/bin/env bash
# A Markdown summary (for GITHUB_STEP_SUMMARY or a terminal) of what happened to the runs of a plan made BEFORE
# training: each run it listed as missing is now trained (an entry in the store; diverged if its outcome says so),
# partial (a work folder with a checkpoint: stopped at its time budget, resumed next time), failed (its key is in
# FAILED_KEYS_FILE: its batch failed) or not reached (its batch stopped at the time budget before it; without a
# FAILED_KEYS_FILE such runs count as failed); the others were cached, or left out because their data set could not
# be fetched (`needs_data` in a plan made by `scripts/plan-targets.sh --skip-unfetched`). Then the CLAIMS verdicts
# of the plan's artifacts, from results/CLAIMS.md as it is now (an artifact not rendered this time keeps its earlier
# verdict).
#   scripts/summarize-runs.sh plan-before.json [failed-batches-text]
set -euo pipefail
plan=$1
failed_batches=${2:-}
store=${REPRO_STORE:-.repro/store}
total=$(jq '[.artifacts[].runs[].key] | unique | length' "$plan")
cached=$(jq '[.artifacts[].runs[] | select(.status == "cached") | .key] | unique | length' "$plan")
unfetched=$(jq '[.artifacts[].runs[] | select(.needs_data != null) | .key] | unique | length' "$plan")
unfetched_data=$(jq -r '(.needs_data // []) | join(", ")' "$plan")
failed_keys=${FAILED_KEYS_FILE:-}
trained=0 diverged=0 partial=0 failed=0 unreached=0
for key in $(jq -r '.missing[]' "$plan"); do
  if [ -f "$store/$key/manifest.json" ]; then
    trained=$((trained + 1))
    if jq -e '.diverged == true' "$store/$key/outcome.json" >/dev/null 2>&1; then diverged=$((diverged + 1)); fi
  elif [ -d "$store/.work/$key" ]; then
    partial=$((partial + 1))
  elif [ -z "$failed_keys" ] || grep -qx "$key" "$failed_keys" 2>/dev/null; then
    failed=$((failed + 1))
  else
    unreached=$((unreached + 1))
  fi
done
echo "### Runs"
echo
echo "| runs | count |"
echo "|---|---|"
echo "| planned | $total |"
echo "| cached (already in the store) | $cached |"
echo "| trained | $trained |"
echo "| of which diverged (a result, recorded in outcome.json) | $diverged |"
echo "| partial (stopped at the time budget; resumed next time) | $partial |"
echo "| not reached (the time budget ran out first; next time) | $unreached |"
echo "| failed | $failed |"
if [ "$unfetched" -gt 0 ]; then echo "| left out (their data set could not be fetched: $unfetched_data) | $unfetched |"; fi
echo
echo "\`runs: planned=$total cached=$cached trained=$trained diverged=$diverged partial=$partial unreached=$unreached failed=$failed unfetched=$unfetched\`"
echo
if [ -n "$failed_batches" ]; then
  echo "Failed batches: $failed_batches"
  echo
fi
echo "### Claims (results/CLAIMS.md as it is now)"
echo
if [ -f results/CLAIMS.md ]; then
  names=$(jq -r '[.artifacts[].name] | join(" ")' "$plan")
  # The claim, measured and verdict columns of CLAIMS.md's table, found by their headers (the check and the other
  # long columns are left out here), for the plan's artifacts only.
  awk -F ' [|] ' -v names=" $names " '
    function cell(i,   x) { x = $i; sub(/^[|] /, "", x); sub(/ [|]$/, "", x); return x }
    /^[|] artifact [|]/ {
      for (i = 1; i <= NF; i++) { h = cell(i); if (h ~ /^claim/) c = i; if (h ~ /^measured/) m = i; if (h ~ /^verdict/) v = i }
      print "| artifact | claim | measured | verdict |"; print "|---|---|---|---|"; next
    }
    /^[|] / && c && index(names, " " cell(1) " ") { print "| " cell(1) " | " cell(c) " | " cell(m) " | " cell(v) " |" }
  ' results/CLAIMS.md
else
  echo "results/CLAIMS.md was not written."
fi
