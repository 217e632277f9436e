using Repro.Pipeline.Planning;

namespace Repro.Cli.Progress;

/// <summary>How one run of a <c>repro run</c> ended.</summary>
public enum RunEnd
{
    /// <summary>Trained to the end of its budget or its accuracy target, and published.</summary>
    Trained,
    /// <summary>Already in the store: nothing to do.</summary>
    Cached,
    /// <summary>Trained and published, but its loss diverged (a result, not an error).</summary>
    Diverged,
    /// <summary>Threw: nothing published; the other runs went on.</summary>
    Failed,
    /// <summary>Stopped by the time budget, checkpointed; the next invocation resumes it (exit 75).</summary>
    Partial,
    /// <summary>Its turn came after the time budget was spent: untouched; the next invocation trains it (exit 75).</summary>
    NotStarted,
}

/// <summary>One run's end, how long it took, and for a failure or a partial run, why.</summary>
public sealed record RunReport(PlanItem Item, RunEnd End, TimeSpan Wall, string? Detail = null);
