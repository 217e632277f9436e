using System.Globalization;

namespace Repro.Cli.Workers;

/// <summary>
/// How many <c>repro run</c> workers this machine has room for: one per <c>threads</c> cores (a run is pinned to that
/// many) and per worker's memory, at least one. A worker's memory is <see cref="MemoryVariable"/> GB where set, else
/// the batch's largest estimated peak (<c>MemoryModel</c>, passed in) times <see cref="Margin"/> (<see cref="KeptHeapMargin"/>
/// under <c>REPRO_KEEP_HEAP=1</c>), else (no estimate: no calibration) <see cref="DefaultMemoryGb"/> GB. <see cref="WorkersVariable"/> sets the count outright.
/// </summary>
public static class WorkerCount
{
    public const string WorkersVariable = "REPRO_WORKERS";
    public const string MemoryVariable = "REPRO_WORKER_MEMORY_GB";

    /// <summary>A worker's memory without an estimate: a paper-profile CIFAR-10 run was once assumed to peak at several GB.</summary>
    public const double DefaultMemoryGb = 7;

    /// <summary>
    /// Room per worker over its largest run's estimated peak: the estimates are within 1.5× of measured peaks, and a
    /// worker's allocator keeps some of an earlier run's memory.
    /// </summary>
    public const double Margin = 1.5;

    /// <summary>The margin where freed memory is kept in the heap (<see cref="Repro.Core.KeptHeap"/>), which the estimates
    /// (fitted without it) do not see: it raised CNN peaks 1.55-1.89× (docs/benchmarks.md).</summary>
    public const double KeptHeapMargin = 2.5;

    private const int Max = 256;
    private const double GiB = 1024.0 * 1024 * 1024;

    /// <summary>
    /// <paramref name="given"/> ("auto" or a whole number), else REPRO_WORKERS, else what this machine has room for, with
    /// <paramref name="runPeakBytes"/> the largest estimated peak of the batch's runs (null: none known).
    /// </summary>
    public static int Resolve(string? given, int threads, Func<string, string?> environment, double? runPeakBytes = null) =>
        Resolve(given, threads, environment, runPeakBytes, Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>As above, on a machine with <paramref name="processors"/> cores and <paramref name="memoryBytes"/> of memory.</summary>
    public static int Resolve(string? given, int threads, Func<string, string?> environment, double? runPeakBytes, int processors, double memoryBytes)
    {
        var (text, source) = given is not null && given != "auto" ? (given, "--workers")
            : given is null && NonEmpty(environment(WorkersVariable)) is { } fromEnvironment ? (fromEnvironment, WorkersVariable)
            : (null, null);
        if (text is not null)
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count is >= 1 and <= Max
                ? count
                : throw new ArgumentException($"{source}: must be auto or a whole number from 1 to {Max}, got '{text}'");
        int byCores = processors / threads;
        int byMemory = (int)Math.Floor(memoryBytes / PerWorkerBytes(environment, runPeakBytes));
        return Math.Clamp(Math.Min(byCores, byMemory), 1, Max);
    }

    /// <summary>One worker's memory: <see cref="MemoryVariable"/>, else the estimate with its margin, else the default.</summary>
    public static double PerWorkerBytes(Func<string, string?> environment, double? runPeakBytes)
    {
        string? memoryText = NonEmpty(environment(MemoryVariable));
        if (memoryText is not null)
            return double.TryParse(memoryText, NumberStyles.Float, CultureInfo.InvariantCulture, out double gb) && gb > 0 && double.IsFinite(gb)
                ? gb * GiB
                : throw new ArgumentException($"{MemoryVariable}: must be a positive number of GB, got '{memoryText}'");
        double margin = environment(Repro.Core.KeptHeap.Variable) == "1" ? KeptHeapMargin : Margin;
        return runPeakBytes is { } peak && peak > 0 && double.IsFinite(peak) ? peak * margin : DefaultMemoryGb * GiB;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
