namespace Repro.Core;

/// <summary>
/// The instruction set of libtorch's CPU kernels (AVX-512, AVX2 or the portable default): the same run differs
/// in its last digits between them. TorchSharp does not expose libtorch's choice, so it is worked out the way
/// libtorch makes it (aten/src/ATen/native/DispatchStub.cpp): <c>ATEN_CPU_CAPABILITY</c> if it is exactly one of
/// avx512, avx2 or default (anything else is ignored with a warning), else the best the CPU supports (AVX-512
/// needs avx512vl, avx512bw, avx512dq and fma; AVX2 needs avx2 and fma).
/// </summary>
public static class CpuCapability
{
    private static readonly string[] Order = ["default", "avx2", "avx512"];

    /// <summary>The capability libtorch uses in this process: avx512, avx2 or default (x86-64 Linux; elsewhere "unknown").</summary>
    public static string Effective => Resolve(Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY"), CpuFlags);

    /// <summary>The requested capability if libtorch accepts it, else the best the CPU supports.</summary>
    public static string Resolve(string? requested, IReadOnlySet<string>? flags)
    {
        if (requested is not null && Order.Contains(requested)) return requested;
        if (flags is null) return "unknown";
        return flags.IsSupersetOf(["avx512vl", "avx512bw", "avx512dq", "fma"]) ? "avx512"
            : flags.IsSupersetOf(["avx2", "fma"]) ? "avx2"
            : "default";
    }

    /// <summary>The CPU's feature flags from <c>/proc/cpuinfo</c>, or null where there is none.</summary>
    public static IReadOnlySet<string>? CpuFlags => CpuInfo("flags") is { } line ? line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet() : null;

    /// <summary>The CPU's model name from <c>/proc/cpuinfo</c>, else the architecture.</summary>
    public static string CpuModel => CpuInfo("model name") ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();

    private static string? CpuInfo(string field)
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .Where(line => line.StartsWith(field, StringComparison.Ordinal) && line.Contains(':'))
                .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
