using Repro.Pipeline.Runs;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Planning;

/// <summary>Resolves artifacts into keyed runs and checks each against the store.</summary>
public sealed class Planner(RunStore store, KeyEnvironment environment, string dataDirectory)
{
    private Dictionary<string, StoreEntry>? _entriesByIdentity;

    public RunStore Store => store;

    /// <summary>The run's key; provisional (data input <c>needs:DATASET</c>) when its data set is absent.</summary>
    public RunKey KeyOf(PlannedRun run) =>
        RunKey.For(run.Config, environment, RunExecutor.DataFingerprintOf(run.Config, dataDirectory) ?? $"needs:{RunExecutor.DatasetOf(run.Config)}");

    public IReadOnlyList<PlanItem> Plan(ExperimentSpec artifact, string? profile = null) =>
        artifact.Resolve(profile).Select(Check).ToList();

    /// <summary>The runs of one group at <paramref name="profile"/> with their status: which of them are cached under that profile.</summary>
    public IReadOnlyList<PlanItem> PlanGroup(ExperimentSpec artifact, string group, string profile) =>
        artifact.Resolve(profile).Where(r => r.Group == group).Select(Check).ToList();

    private PlanItem Check(PlannedRun run)
    {
        var key = KeyOf(run);
        if (RunExecutor.DataFingerprintOf(run.Config, dataDirectory) is null)
            return new PlanItem(run, key, RunStatus.Missing, [$"needs data: {RunExecutor.DatasetOf(run.Config)}"], RunExecutor.DatasetOf(run.Config));
        if (store.Contains(key.Value))
        {
            var problems = store.Problems(key.Value);
            if (problems.Count == 0) return new PlanItem(run, key, RunStatus.Cached, []);
            string movedTo = store.Quarantine(key.Value);
            return new PlanItem(run, key, RunStatus.Missing, [$"corrupt entry ({string.Join("; ", problems)}) moved to {movedTo}"]);
        }
        if (EntriesByIdentity().TryGetValue(run.Identity, out var previous))
            return new PlanItem(run, key, RunStatus.Stale, key.ChangesSince(previous.Manifest.Inputs));
        return new PlanItem(run, key, RunStatus.Missing, ["never run"]);
    }

    /// <summary>The newest entry made for each run identity: what a changed run is stale against.</summary>
    private Dictionary<string, StoreEntry> EntriesByIdentity() =>
        _entriesByIdentity ??= store.Entries()
            .GroupBy(e => e.Manifest.Identity)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Manifest.CreatedUtc)!);
}
