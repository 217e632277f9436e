#!/usr/bin/env bash
# Checks, in a rehearsal log (build/rehearsal), that the last run of a workflow restored its run store only from its
# own cache keys: every "restored cache repro-store…" line of that run starts with the given prefix, and there is one.
#   scripts/check-store-restores.sh LOG WORKFLOW-NAME KEY-PREFIX
# Exit 0 when so; 1 naming the foreign key (or saying none was restored); 2 for bad arguments.
set -euo pipefail
if [ $# -ne 3 ] || [ ! -r "$1" ]; then
  echo "usage: $0 REHEARSAL-LOG WORKFLOW-NAME KEY-PREFIX (the log must be readable)" >&2; exit 2
fi
log=$1 workflow=$2 prefix=$3
# The last run of the workflow: from its last "== NAME: run" header to the next workflow's header.
restored=$(awk -v head="== $workflow: run " '
  index($0, head) == 1 { section = ""; inside = 1; next }
  /^== / && inside { inside = 0 }
  inside && /\| restored cache repro-store/ { sub(/.*\| restored cache /, ""); sub(/ .*/, ""); section = section $0 "\n" }
  END { printf "%s", section }' "$log")
if [ -z "$restored" ]; then
  echo "check-store-restores: the last $workflow run restored no run store" >&2; exit 1
fi
if foreign=$(grep -v -- "^$prefix" <<<"$restored" | head -1) && [ -n "$foreign" ]; then
  echo "check-store-restores: the last $workflow run restored $foreign, not a $prefix… key" >&2; exit 1
fi
echo "check-store-restores: the last $workflow run restored only its own store ($(sort -u <<<"$restored" | tr '\n' ' '))"
