using System.Runtime.InteropServices;
using Repro.Core;

namespace Repro.Pipeline.Store;

/// <summary>
/// Where and how an entry was computed, recorded in its manifest and never in its key: results differ in the last
/// digits between instruction sets (see <c>repro reproduce</c>), and this is what tells two such entries apart.
/// </summary>
public sealed record MachineProvenance(
    string CpuModel,
    string CpuCapability,
    IReadOnlyDictionary<string, string> KernelSettings,
    IReadOnlyList<string> CpuFlags,
    string Os,
    string Dotnet,
    string Torchsharp,
    string Libtorch,
    int ProcessorCount,
    double WallSeconds,
    double? CpuSeconds = null,
    long? PeakRssBytes = null,
    long? StartRssBytes = null)
{
    /// <summary>
    /// Environment variables that choose kernels inside libtorch: ATen's own (<c>ATEN_CPU_CAPABILITY</c>), MKL's
    /// (matrix products; <c>MKL_ENABLE_INSTRUCTIONS</c>, <c>MKL_CBWR</c>) and oneDNN's. Recorded when set.
    /// </summary>
    private static readonly string[] KernelVariables = ["ATEN_CPU_CAPABILITY", "MKL_ENABLE_INSTRUCTIONS", "MKL_CBWR", "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"];

    /// <summary>The flags that decide libtorch's kernels; the full list is long and says nothing more about numbers.</summary>
    private static readonly string[] RelevantFlags = ["avx", "avx2", "fma", "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512_vnni", "avx512_bf16", "amx_tile", "neon", "asimd"];

    /// <param name="cpuSeconds">The process's CPU time (user + system, all threads) over the run: what the cost model
    /// estimates, and unlike wall time not inflated by other work on the machine (a worker trains one run at a time).</param>
    /// <param name="peakRssBytes">The process's peak resident memory over the run (<see cref="PeakMemory"/>), libtorch's
    /// native memory included; null where it could not be measured, and in manifests written before it was recorded.</param>
    /// <param name="startRssBytes">What the process held resident as the run began (what earlier runs of a
    /// <c>repro run</c> process left, which its peak cannot fall below); null as for the peak.</param>
    public static MachineProvenance Current(double wallSeconds, double? cpuSeconds = null, long? peakRssBytes = null, long? startRssBytes = null) => new(
        Repro.Core.CpuCapability.CpuModel,
        Repro.Core.CpuCapability.Effective,
        KernelVariables.Where(v => Environment.GetEnvironmentVariable(v) is { Length: > 0 })
            .ToDictionary(v => v, v => Environment.GetEnvironmentVariable(v)!),
        Repro.Core.CpuCapability.CpuFlags is { } flags ? RelevantFlags.Where(flags.Contains).ToList() : [],
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        TorchRuntime.TorchSharpVersion,
        TorchRuntime.LibTorchVersion,
        Environment.ProcessorCount,
        wallSeconds,
        cpuSeconds,
        peakRssBytes,
        startRssBytes);
}
