using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro.Core;

/// <summary>
/// How libtorch's memory is handed back. glibc serves every block above its mmap threshold (32 MB at most) with a
/// fresh <c>mmap</c> and unmaps it on free, so a full-batch CNN step, whose activations are hundreds of MB, has the
/// kernel map and zero all of them again on every step: 2.7 of a VGG step's 6.0 CPU-s here were system time. Keeping
/// freed blocks in the heap (no mmap, no trimming) lets the next step reuse them: the VGG step 3.4 → 1.7 s, at about
/// twice the resident memory (2.5 → 5 GB at 5,120 CIFAR-10 images), since a heap that keeps its blocks fragments. It
/// changes where tensors live, never what is computed. <see cref="ReleaseFreed"/> returns the free pages between runs.
/// <c>REPRO_NATIVE_HEAP=default</c> keeps the C library's defaults; a user's own <c>MALLOC_*_</c> settings or malloc tunables win.
/// </summary>
public static class NativeHeap
{
    public const string Variable = "REPRO_NATIVE_HEAP";

    // mallopt's parameter numbers (malloc.h).
    private const int TrimThresholdParameter = -1;
    private const int MmapMaxParameter = -4;

    /// <summary>"keep" (freed blocks stay in the heap), "default" (the C library's defaults) or "user" (the environment's own malloc settings).</summary>
    public static string Mode { get; private set; } = "default";

    /// <summary>Why the environment's setting was not understood, or null.</summary>
    public static string? Problem { get; private set; }

#pragma warning disable CA2255 // Library module initializer: the setting must be in place before libtorch's first large block.
    [ModuleInitializer]
    internal static void KeepFreedBlocks()
#pragma warning restore CA2255
    {
        if (!OperatingSystem.IsLinux()) return;
        if (UserConfigured())
        {
            Mode = "user";
            return;
        }
        var requested = Environment.GetEnvironmentVariable(Variable);
        if (requested is not null && requested != "keep")
        {
            // An unknown value keeps the defaults too; the command line reports it before any work.
            if (requested != "default") Problem = $"{Variable}: '{requested}' is not one of keep, default";
            return;
        }
        try
        {
            // A trim threshold above any heap and no mmap: freed blocks stay mapped for the next step.
            if (Mallopt(MmapMaxParameter, 0) == 1 && Mallopt(TrimThresholdParameter, int.MaxValue) == 1) Mode = "keep";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no mallopt): nothing to tune.
        }
    }

    /// <summary>Returns the heap's free pages to the system (glibc's malloc_trim), so one run's peak does not stay with the next.</summary>
    public static void ReleaseFreed()
    {
        if (Mode != "keep") return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
        }
    }

    private static bool UserConfigured() =>
        Environment.GetEnvironmentVariable("MALLOC_MMAP_MAX_") is not null
        || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null
        || Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null
        || Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("malloc", StringComparison.Ordinal) == true;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
