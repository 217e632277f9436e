using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro.Core;

/// <summary>
/// Freed tensor memory kept in glibc's heap instead of handed back to the kernel. glibc serves every block above its
/// mmap threshold (32 MB at most) with a fresh <c>mmap</c> and unmaps it on free, so a full-batch CNN step, whose
/// activations are hundreds of MB, has the kernel map, fault in and zero them again on every step (and a
/// Hessian-vector product's double backward twice over). <c>mallopt(M_MMAP_MAX, 0)</c> sends those blocks to the heap,
/// and <c>mallopt(M_TRIM_THRESHOLD, 2 GB)</c> (the most an int can say) keeps up to 2 GB of free memory at the heap's
/// top for the next step instead of trimming it. The same as setting <c>MALLOC_MMAP_MAX_=0</c> and
/// <c>MALLOC_TRIM_THRESHOLD_</c>, which glibc reads only at process start. It changes where tensors live, never what is
/// computed. Set here, in a module initializer, before libtorch's first allocation; Linux with glibc only, a no-op
/// elsewhere. Opt-in (<c>REPRO_KEEP_HEAP=1</c>): measured on 7 Dec (docs/benchmarks.md) it cut a CNN step's CPU time by
/// a fifth to a quarter but raised a process's peak resident memory 1.5-1.9× (a heap that keeps what it held
/// fragments), and issue 21's bar is no more memory than before; a machine with memory to spare can turn it on.
/// </summary>
public static class KeptHeap
{
    public const string Variable = "REPRO_KEEP_HEAP";

    /// <summary>glibc's mallopt parameters (malloc.h).</summary>
    private const int TrimThreshold = -1, MmapMax = -4;

    private const int KeptBytes = int.MaxValue;

    /// <summary>Whether this process set the kept heap (false unless asked for, off Linux/glibc, or when glibc refused).</summary>
    public static bool Active { get; private set; }

#pragma warning disable CA2255 // Library module initializer: the setting must precede libtorch's first large allocation.
    [ModuleInitializer]
    internal static void KeepFreedBlocks()
#pragma warning restore CA2255
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) != "1") return;
        try
        {
            _ = GlibcVersion(); // musl and others have no such function: then leave their allocator alone.
            Active = MallocOption(MmapMax, 0) == 1 && MallocOption(TrimThreshold, KeptBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Active = false;
        }
    }

    /// <summary>One line for `repro version` and benchmarks: what this process set.</summary>
    public static string Describe() => Active
        ? $"freed blocks kept in glibc's heap (mallopt M_MMAP_MAX=0, M_TRIM_THRESHOLD={KeptBytes}; {Variable}=1)"
        : Environment.GetEnvironmentVariable(Variable) == "1"
            ? "glibc's default (asked for the kept heap, but this is not Linux with glibc)"
            : $"glibc's default ({Variable}=1 keeps freed blocks in the heap: faster CNN steps, more memory)";

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallocOption(int parameter, int value);

    [DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr GlibcVersion();
}
