using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Planning;

/// <summary>A planned run, its identity (artifact, group, profile, sweep point), its key, and whether the store already holds it (and if not, why).</summary>
public sealed record PlanItem(PlannedRun Run, RunKey Key, RunStatus Status, IReadOnlyList<string> Why, RunIdentity Identity);
