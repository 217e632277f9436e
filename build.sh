#!/usr/bin/env bash
# Cake bootstrapper: make this machine able to load libtorch, restore the local tools, run Cake.
#   ./build.sh                      every paper artifact at the default profile
#   ./build.sh --target=Test        build and run the whole test suite
#   ./build.sh --target=Figure3 --profile=paper
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

say() { echo "build.sh: $*" >&2; }

# TorchSharp 0.107 (libtorch 2.10) needs a libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer).
has_glibcxx_3_4_32() {
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 \
             /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    [ -r "$lib" ] && grep -qa 'GLIBCXX_3\.4\.32' "$lib" && return 0
  done
  return 1
}

ensure_libstdcxx() {
  [ "$(uname -s)" = "Linux" ] || return 0
  has_glibcxx_3_4_32 && return 0
  local os_id="" os_version=""
  if [ -r /etc/os-release ]; then
    os_id=$(. /etc/os-release && echo "${ID:-}")
    os_version=$(. /etc/os-release && echo "${VERSION_ID:-}")
  fi
  if [ "$os_id" = "debian" ] && [ "$os_version" = "12" ] && [ "$(id -u)" = "0" ]; then
    say "libstdc++ lacks GLIBCXX_3.4.32 (needed by libtorch 2.10); installing libstdc++6 from Debian 13 (trixie), pinned at priority 100"
    echo "deb http://deb.debian.org/debian trixie main" > /etc/apt/sources.list.d/repro-trixie.list
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/repro-trixie
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie libstdc++6 >/dev/null
    has_glibcxx_3_4_32 && return 0
    say "installing libstdc++6 from trixie did not provide GLIBCXX_3.4.32"; exit 1
  fi
  say "libtorch 2.10 needs libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer), which this system lacks."
  say "Install a newer libstdc++6 (Debian 13, Ubuntu 24.04 and newer have it; on Debian 12 run this script as root and it does so itself)."
  exit 1
}

ensure_libstdcxx
if ! command -v dotnet >/dev/null 2>&1; then
  say "the .NET 10 SDK is required: https://dot.net"; exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Output to a file or a pipe is plain text: Cake and repro colour with ANSI codes unless NO_COLOR is set.
[ -t 1 ] || export NO_COLOR=1
# The first restore downloads Cake, TorchSharp and libtorch before anything prints: say so, or it looks hung.
if [ ! -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}/torchsharp" ]; then
  say "first run: restoring .NET tools and packages (about 1.8 GB, mostly libtorch), this takes a minute or two"
fi
dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
