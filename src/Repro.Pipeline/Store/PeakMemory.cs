using System.Globalization;

namespace Repro.Pipeline.Store;

/// <summary>
/// The process's peak resident memory over one run, on Linux: <see cref="Reset"/> writes "5" to
/// <c>/proc/self/clear_refs</c>, which sets the high-water mark (<c>VmHWM</c> in <c>/proc/self/status</c>) back to the
/// memory resident now, and <see cref="ReadPeakBytes"/> reads it after the run. A <c>repro run</c> process trains many
/// runs in sequence, so without the reset each run would inherit the largest earlier one's peak. Resident memory counts
/// libtorch's native tensors, which the GC's figures do not. Anywhere the reset is not possible (not Linux, a /proc
/// that refuses the write) there is no peak: null, never the process's lifetime high-water mark passed off as the run's.
/// </summary>
public static class PeakMemory
{
    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";

    /// <summary>
    /// Resets the high-water mark, so that a later <see cref="ReadPeakBytes"/> is this run's; returns it as reset (the
    /// memory resident now, which the run's peak cannot fall below), or null when it could not be reset.
    /// </summary>
    public static long? Reset()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            // Garbage of the previous run would otherwise count as this run's resident baseline.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            File.WriteAllText(ClearRefs, "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return ReadPeakBytes();
    }

    /// <summary>The high-water mark of resident memory, in bytes, or null where /proc/self/status does not say.</summary>
    public static long? ReadPeakBytes()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return ParseHighWaterMark(File.ReadAllText(Status));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The <c>VmHWM:   1234 kB</c> line of a /proc/PID/status text, in bytes; null when absent or unreadable.</summary>
    public static long? ParseHighWaterMark(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var parts = line["VmHWM:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return parts is [var number, "kB"] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long kb) && kb < long.MaxValue / 1024
                ? kb * 1024
                : null;
        }
        return null;
    }
}
