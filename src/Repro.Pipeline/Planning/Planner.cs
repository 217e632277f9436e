using Repro.Pipeline.Runs;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Planning;

/// <summary>
/// Resolves artifacts into keyed runs and checks each against the store. Planning is a read: it looks at manifests
/// only (no file is hashed, nothing is moved); entries are verified when opened for use (<see cref="RunStore.Open"/>).
/// </summary>
/// <param name="device">The device every trainer run uses instead of its own field (<see cref="Settings.ReproSettings.Device"/>), or null.</param>
public sealed class Planner(RunStore store, KeyEnvironment environment, string dataDirectory, string? device = null)
{
    private Dictionary<string, StoreEntry>? entriesByIdentity;

    public RunStore Store => store;

    /// <summary>The threads every run is pinned to (part of each key).</summary>
    public int Threads => environment.Threads;

    /// <summary>The run's key; provisional (data input <c>needs:DATASET</c>) when its data set is absent.</summary>
    public RunKey KeyOf(PlannedRun run) =>
        RunKey.For(run.Config, environment, RunExecutor.DataFingerprintOf(run.Config, dataDirectory) ?? $"needs:{RunExecutor.DatasetOf(run.Config)}",
                   run.Parent is { } parent ? KeyOf(parent).Value : null);

    public IReadOnlyList<PlanItem> Plan(ExperimentSpec artifact, string? profile = null)
    {
        string chosen = profile ?? artifact.DefaultProfile;
        return Resolve(artifact, chosen).Select(run => Check(run, chosen, KeyOf(run))).ToList();
    }

    /// <summary>The runs of one group at <paramref name="profile"/> with their status: which of them are cached under that profile.</summary>
    public IReadOnlyList<PlanItem> PlanGroup(ExperimentSpec artifact, string group, string profile) =>
        Resolve(artifact, profile).Where(r => r.Group == group).Select(run => Check(run, profile, KeyOf(run))).ToList();

    /// <summary>
    /// The planned runs with these keys, found by computing keys only (every profile of every artifact, or one
    /// profile); the store is consulted for the runs found, not for the rest. Keys no run has are left out.
    /// </summary>
    public Dictionary<string, PlanItem> Find(IEnumerable<ExperimentSpec> artifacts, string? profile, IReadOnlyCollection<string> keys)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, PlanItem>(StringComparer.Ordinal);
        foreach (var spec in artifacts)
            // A profile only some files declare (cpu-scale) looks in those: the others have no run at it.
            foreach (var chosen in profile is null ? spec.Profiles.Keys : spec.Profiles.ContainsKey(profile) ? [profile] : Array.Empty<string>())
                foreach (var run in Resolve(spec, chosen))
                {
                    var key = KeyOf(run);
                    if (wanted.Contains(key.Value) && !found.ContainsKey(key.Value)) found[key.Value] = Check(run, chosen, key);
                }
        return found;
    }

    /// <summary>The artifact's runs at a profile, with the device override applied to every run that has a device.</summary>
    private IEnumerable<PlannedRun> Resolve(ExperimentSpec artifact, string profile) =>
        artifact.Resolve(profile).Select(run => device is null || !run.Config.Has(RunFields.Device)
            ? run
            : run with { Config = run.Config.With(RunFields.Device, FieldValue.Text(device)) });

    public static RunIdentity IdentityOf(PlannedRun run, string profile) => new(run.Artifact, run.Group, profile, run.Label);

    private PlanItem Check(PlannedRun run, string profile, RunKey key) =>
        run.Parent is { } parent ? CheckAlone(run, profile, key) with { Parent = Check(parent, profile, KeyOf(parent)) } : CheckAlone(run, profile, key);

    private PlanItem CheckAlone(PlannedRun run, string profile, RunKey key)
    {
        var identity = IdentityOf(run, profile);
        if (RunExecutor.DataFingerprintOf(run.Config, dataDirectory) is null)
            return new PlanItem(run, key, RunStatus.Missing, [$"needs data: {RunExecutor.DatasetOf(run.Config)}"], identity, RunExecutor.DatasetOf(run.Config));
        if (store.Find(key.Value) is not null) return new PlanItem(run, key, RunStatus.Cached, [], identity);
        if (store.ManifestProblem(key.Value) is { } problem)
            return new PlanItem(run, key, RunStatus.Missing, [$"corrupt entry ({problem}); moved aside when run"], identity);
        if (EntriesByIdentity().TryGetValue(identity.ToString(), out var previous))
            return new PlanItem(run, key, RunStatus.Stale, key.ChangesSince(previous.Manifest.Inputs), identity);
        return new PlanItem(run, key, RunStatus.Missing, ["never run"], identity);
    }

    /// <summary>
    /// The newest entry made for each run identity (artifact, group, profile, sweep point): what a changed run is stale
    /// against. Entries written before manifests recorded the identity are no run's earlier entry.
    /// </summary>
    private Dictionary<string, StoreEntry> EntriesByIdentity() =>
        entriesByIdentity ??= store.Entries()
            .Where(e => e.Manifest.Run is not null)
            .GroupBy(e => e.Manifest.Run!.ToString())
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Manifest.CreatedUtc)!);
}
