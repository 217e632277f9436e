using System.Globalization;

namespace Repro.Cli.Workers;

/// <summary>
/// How many <c>repro run</c> workers this machine has room for: one per <c>threads</c> cores (a run is pinned to that
/// many) and per <see cref="MemoryVariable"/> GB of memory (default 7: a paper-profile CIFAR-10 run peaks at several
/// GB), at least one. A public GitHub runner (4 cores, 16 GB) gets two, a 2-core machine one.
/// <see cref="WorkersVariable"/> sets the count outright.
/// </summary>
public static class WorkerCount
{
    public const string WorkersVariable = "REPRO_WORKERS";
    public const string MemoryVariable = "REPRO_WORKER_MEMORY_GB";
    private const int DefaultMemoryGb = 7;
    private const int Max = 256;

    /// <summary><paramref name="given"/> ("auto" or a whole number), else REPRO_WORKERS, else what the machine has room for.</summary>
    public static int Resolve(string? given, int threads, Func<string, string?> environment)
    {
        var (text, source) = given is not null && given != "auto" ? (given, "--workers")
            : given is null && NonEmpty(environment(WorkersVariable)) is { } fromEnvironment ? (fromEnvironment, WorkersVariable)
            : (null, null);
        if (text is null) return ForThisMachine(threads, environment);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count is >= 1 and <= Max
            ? count
            : throw new ArgumentException($"{source}: must be auto or a whole number from 1 to {Max}, got '{text}'");
    }

    private static int ForThisMachine(int threads, Func<string, string?> environment)
    {
        string? memoryText = NonEmpty(environment(MemoryVariable));
        double memoryPerWorker = memoryText is null ? DefaultMemoryGb
            : double.TryParse(memoryText, NumberStyles.Float, CultureInfo.InvariantCulture, out double gb) && gb > 0 && double.IsFinite(gb) ? gb
            : throw new ArgumentException($"{MemoryVariable}: must be a positive number of GB, got '{memoryText}'");
        double memoryGb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        int byCores = Environment.ProcessorCount / threads;
        int byMemory = (int)Math.Floor(memoryGb / memoryPerWorker);
        return Math.Clamp(Math.Min(byCores, byMemory), 1, Max);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
