using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Planning;

/// <summary>
/// A planned run, its key, and whether the store already holds it (and if stale, why). <paramref name="NeedsData"/>
/// names the data set the run reads when it is absent: the key is then provisional (no data, no fingerprint) and
/// becomes the real one once the data is fetched.
/// </summary>
public sealed record PlanItem(PlannedRun Run, RunKey Key, RunStatus Status, IReadOnlyList<string> Why, string? NeedsData = null);
