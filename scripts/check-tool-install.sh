#!/usr/bin/env bash
# Installs `repro` as a .NET tool the way docs/install-tool.md tells a user to, into a scratch folder, and checks that
# the installed command runs: `dotnet pack`, `dotnet tool install --global --add-source` (with HOME and the tool path
# in the scratch folder, so nothing of the user's changes), then `repro version` from PATH and `repro plan` in this
# repository. Prints the package's size. Exit 0 when it works, 1 naming the step that failed.
#   scripts/check-tool-install.sh [SCRATCH-FOLDER]     (default: a new temporary folder, deleted at the end)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
scratch=${1:-}
if [ -z "$scratch" ]; then
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/repro-tool-install.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
fi
mkdir -p "$scratch"
say() { echo "check-tool-install: $*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

# The package: what `dotnet pack` makes (docs/install-tool.md, step 1).
dotnet pack src/Repro.Cli -c Release -o "$scratch/nupkg" --nologo -v quiet >"$scratch/pack.log" 2>&1 \
  || { cat "$scratch/pack.log" >&2; fail "dotnet pack src/Repro.Cli"; }
package=$(ls "$scratch"/nupkg/Repro.Cli.*.nupkg 2>/dev/null | head -1)
[ -n "$package" ] || fail "dotnet pack made no Repro.Cli.*.nupkg"
say "package $(basename "$package"): $(du -h "$package" | cut -f1)"

# Step 2: install globally from that folder. A scratch HOME puts ~/.dotnet/tools there; the NuGet cache stays the
# user's (NUGET_PACKAGES), so TorchSharp is not downloaded again.
export NUGET_PACKAGES=${NUGET_PACKAGES:-$HOME/.nuget/packages}
export HOME="$scratch/home" DOTNET_CLI_HOME="$scratch/home" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mkdir -p "$HOME"
dotnet tool install --global --add-source "$scratch/nupkg" Repro.Cli >"$scratch/install.log" 2>&1 \
  || { cat "$scratch/install.log" >&2; fail "dotnet tool install --global --add-source $scratch/nupkg Repro.Cli"; }
say "installed into $HOME/.dotnet/tools ($(du -sh "$HOME/.dotnet/tools" | cut -f1) with its libraries)"

# Step 3: the command on PATH.
export PATH="$HOME/.dotnet/tools:$PATH"
command -v repro >/dev/null || fail "repro is not on PATH after adding ~/.dotnet/tools"
repro version >"$scratch/version.log" 2>&1 || { cat "$scratch/version.log" >&2; fail "repro version"; }
grep -q "libtorch" "$scratch/version.log" || { cat "$scratch/version.log" >&2; fail "repro version does not name libtorch"; }
(cd "$repo" && repro plan --target Figure3 --store "$scratch/store" >"$scratch/plan.log" 2>&1) \
  || { cat "$scratch/plan.log" >&2; fail "repro plan --target Figure3 in the repository"; }
say "repro version and repro plan --target Figure3 work from PATH ($(head -1 "$scratch/version.log"))"
