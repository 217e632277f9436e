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
    string? AtenCpuCapability,
    IReadOnlyList<string> CpuFlags,
    string Os,
    string Dotnet,
    string Torchsharp,
    string Libtorch,
    int ProcessorCount,
    double WallSeconds)
{
    /// <summary>The flags that decide libtorch's kernels; the full list is long and says nothing more about numbers.</summary>
    private static readonly string[] RelevantFlags = ["avx", "avx2", "fma", "avx512f", "avx512vl", "avx512bw", "avx512dq", "avx512_vnni", "avx512_bf16", "amx_tile", "neon", "asimd"];

    public static MachineProvenance Current(double wallSeconds) => new(
        Repro.Core.CpuCapability.CpuModel,
        Repro.Core.CpuCapability.Effective,
        Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY"),
        Repro.Core.CpuCapability.CpuFlags is { } flags ? RelevantFlags.Where(flags.Contains).ToList() : [],
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        TorchRuntime.TorchSharpVersion,
        TorchRuntime.LibTorchVersion,
        Environment.ProcessorCount,
        wallSeconds);
}
