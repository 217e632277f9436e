# Cake bootstrapper for Windows and PowerShell users; the twin of build.sh.
#   ./build.ps1                      every paper artifact at the default profile
#   ./build.ps1 --target=Test        build and run the whole test suite
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

if ($IsLinux) {
    # libtorch 2.10 needs libstdc++ with GLIBCXX_3.4.32; build.sh can install it on Debian 12, this script only checks.
    $libs = '/usr/lib/x86_64-linux-gnu/libstdc++.so.6', '/usr/lib/aarch64-linux-gnu/libstdc++.so.6', '/usr/lib64/libstdc++.so.6'
    $found = $libs | Where-Object { (Test-Path $_) -and (Select-String -Path $_ -Pattern 'GLIBCXX_3\.4\.32' -SimpleMatch:$false -Quiet) }
    if (-not $found) {
        Write-Error "libtorch 2.10 needs libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer). Install a newer libstdc++6, or run ./build.sh as root on Debian 12."
        exit 1
    }
}
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error "the .NET 10 SDK is required: https://dot.net"
    exit 1
}
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
dotnet tool restore | Out-Null
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet cake build.cake @args
exit $LASTEXITCODE
