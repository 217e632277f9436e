using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro.Core;

/// <summary>
/// libtorch's OpenMP threads spin for a long time between parallel regions. When the machine is busier than the
/// pinned thread count (another build, a parallel test), a spinning thread holds the core its partner needs and a
/// full-batch MLP step goes from ~1.5 ms to 20-130 ms. A short spin keeps the fast path without the collapse.
/// Waiting never changes results. Must run before libgomp loads, hence a module initializer; a user's own
/// GOMP_SPINCOUNT or OMP_WAIT_POLICY wins.
/// </summary>
internal static class OpenMpWaiting
{
    private const string SpinCount = "1000";

#pragma warning disable CA2255 // Library module initializer: it must run before the first tensor, whoever touches it first.
    [ModuleInitializer]
    internal static void PreferShortSpinning()
#pragma warning restore CA2255
    {
        if (OperatingSystem.IsWindows()
            || Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null
            || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null)
        {
            return;
        }
        // The native environment, which libgomp reads; Environment.SetEnvironmentVariable only changes .NET's copy.
        _ = SetNativeEnvironment("GOMP_SPINCOUNT", SpinCount, overwrite: 0);
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi)]
    private static extern int SetNativeEnvironment(string name, string value, int overwrite);
}
