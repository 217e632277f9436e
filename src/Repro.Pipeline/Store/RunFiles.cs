namespace Repro.Pipeline.Store;

/// <summary>
/// The names of what a run's folder holds, and of the store's own folders beside the entries: one list that the store
/// (which publishes, checks, merges and sets aside run folders) and the runs (which train into them) both read.
/// </summary>
public static class RunFiles
{
    /// <summary>The run's metrics, one row per recorded step (<see cref="Metrics.MetricsCsv"/>).</summary>
    public const string Metrics = "metrics.csv";

    /// <summary>The trainer's spec the run was trained from; a folder with checkpoints of another spec is refused.</summary>
    public const string Spec = "spec.json";

    /// <summary>How the run ended (<see cref="Core.TrainingOutcome"/>).</summary>
    public const string Outcome = "outcome.json";

    /// <summary>How far an unfinished run got; a finished run has none.</summary>
    public const string Partial = "partial.json";

    /// <summary>The entry's manifest: every file's hash and the key's inputs, written last when an entry is published.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>The trainer's checkpoints, a folder.</summary>
    public const string Checkpoints = "checkpoints";

    /// <summary>The store's folder of runs in progress, one folder per key.</summary>
    public const string Work = ".work";

    /// <summary>Where partial work that could not be resumed goes, beside the run's folder.</summary>
    public const string Rejected = ".rejected";

    /// <summary>The store's folder of entries moved aside as damaged.</summary>
    public const string Corrupt = ".corrupt";
}
