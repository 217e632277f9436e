using System.Globalization;

namespace Repro.Pipeline.Specs;

/// <summary>
/// What an experiment file is checked against at load, beyond its own content: the renderers that exist and the run
/// groups each one needs, where the data is (for subset sizes), and the largest number of runs one file may declare.
/// Everything knowable before training is checked before anything is written.
/// </summary>
public sealed record LoadChecks(
    IReadOnlyDictionary<string, RendererContract>? Renderers = null,
    string? DataDirectory = null,
    long MaxRunsPerFile = LoadChecks.DefaultMaxRunsPerFile,
    long AvailableMemoryBytes = 0)
{
    /// <summary>A file resolving to more runs than this, at any profile, is refused: <c>REPRO_MAX_RUNS</c> raises it.</summary>
    public const long DefaultMaxRunsPerFile = 10_000;

    public const string MaxRunsVariable = "REPRO_MAX_RUNS";

    /// <summary>Only the file's own content and the run-count limit (what <see cref="ExperimentReader.Read"/> checks by default).</summary>
    public static readonly LoadChecks ContentOnly = new();

    /// <summary>
    /// The limit from <c>REPRO_MAX_RUNS</c>, else <see cref="DefaultMaxRunsPerFile"/>; set to anything but a whole number
    /// from 1 to 10^9 it is an <see cref="ArgumentException"/> (exit 2), no longer ignored.
    /// </summary>
    public static long MaxRunsFromEnvironment() => ParseMaxRuns(Environment.GetEnvironmentVariable(MaxRunsVariable));

    public static long ParseMaxRuns(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return DefaultMaxRunsPerFile;
        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long max) && max is >= 1 and <= 1_000_000_000
            ? max
            : throw new ArgumentException($"{MaxRunsVariable}={Store.EntryPath.Printable(text)}: must be a whole number of runs from 1 to 1000000000");
    }

    /// <summary>The memory a run may plan to use: what the GC says this process may use (container limits included).</summary>
    public long Memory => AvailableMemoryBytes > 0 ? AvailableMemoryBytes : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
