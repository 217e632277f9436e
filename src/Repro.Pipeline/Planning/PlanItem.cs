using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Planning;

/// <summary>
/// A planned run, its key, its identity (artifact, group, profile, sweep point), and whether the store already holds
/// it (and if not, why). <paramref name="NeedsData"/> names the data set the run reads when it is absent: the key is
/// then provisional (no data, no fingerprint) and becomes the real one once the data is fetched.
/// </summary>
public sealed record PlanItem(PlannedRun Run, RunKey Key, RunStatus Status, IReadOnlyList<string> Why, RunIdentity Identity, string? NeedsData = null)
{
    /// <summary>The planned run this one continues from (its parent's entry gives its starting parameters), or null.</summary>
    public PlanItem? Parent { get; init; }
}
