using Repro.Pipeline.Planning;
using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Regeneration;

/// <summary>
/// The one regeneration policy, for one machine (<c>repro regenerate</c>, which Cake calls) and, step by step, for a
/// fan-out (the nightly, Slurm): plan the targets → fetch the data sets their runs need and the data folder lacks
/// (one that cannot be fetched blocks only the runs that read it) → plan again (fetched data gives the runs their
/// real keys) → train what is missing → render each artifact whose runs are all in the store → fail naming each
/// artifact that was not made, and why.
/// </summary>
public sealed class RegenerationPolicy(Workspace workspace, CostModel? costs)
{
    /// <summary>
    /// The artifacts several targets name (each an artifact, or Default for all), once each, in order. Default at a
    /// <paramref name="profile"/> means every artifact that declares that profile (not every study has a paper or a
    /// cpu-scale profile: <see cref="LeftOut"/> names the others); an artifact named outright must declare it.
    /// </summary>
    public IReadOnlyList<ExperimentSpec> Artifacts(IEnumerable<string> targets, string? profile = null)
    {
        var names = TargetNames(targets);
        if (names.Count == 0) throw new ArgumentException("--target: no artifact given");
        return names.SelectMany(name => IsDefault(name)
                                            ? workspace.Catalog.Artifacts.Where(a => profile is null || a.Profiles.ContainsKey(profile))
                                            : [workspace.Catalog.Artifact(name)])
                    .DistinctBy(s => s.Artifact).ToList();
    }

    /// <summary>What Default leaves out at <paramref name="profile"/>, one line, or null when it leaves out nothing.</summary>
    public string? LeftOut(IEnumerable<string> targets, string? profile)
    {
        if (profile is null || !TargetNames(targets).Any(IsDefault)) return null;
        var left = workspace.Catalog.Artifacts.Where(a => !a.Profiles.ContainsKey(profile))
                            .Select(a => $"{a.Artifact} (declares {string.Join(", ", a.Profiles.Keys)})").ToList();
        return left.Count == 0 ? null : $"Default at profile '{profile}' leaves out {string.Join(", ", left)}";
    }

    /// <summary>The artifact names of several targets, one target possibly naming several, space-separated.</summary>
    private static List<string> TargetNames(IEnumerable<string> targets) =>
        targets.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static bool IsDefault(string target) => target.Equals("Default", StringComparison.OrdinalIgnoreCase);

    /// <summary>One plan for several artifacts: a run they share has one key, listed and batched once.</summary>
    public PlanDocument Plan(IReadOnlyList<ExperimentSpec> specs, string? profile, int maxJobs = 200, double? jobBudgetSeconds = null,
                             bool skipUnfetched = false) =>
        PlanDocuments.Build(workspace.Planner, specs, profile, costs, maxJobs, jobBudgetSeconds, skipUnfetched);

    /// <summary>The artifacts of <paramref name="plan"/> whose runs are all in the store: what may be rendered.</summary>
    public static IReadOnlyList<PlanArtifact> Complete(PlanDocument plan) =>
        plan.Artifacts.Where(a => a.Runs.All(r => r.Status == "cached")).ToList();

    /// <summary>
    /// One line naming the artifacts that need a data set the data folder lacks (it could not be fetched), or null
    /// when none does.
    /// </summary>
    public static string? Unfetched(PlanDocument plan) =>
        plan.NeedsData.Count == 0 ? null
            : $"not made: {string.Join(", ", plan.ArtifactsNeedingData)} (needing {string.Join(", ", plan.NeedsData)}, which could not be fetched). "
              + "Everything else was regenerated.";

    /// <summary>
    /// Each artifact of <paramref name="after"/> (planned after training) that is not complete, with why: a data set
    /// that could not be fetched, else its runs not in the store and how the training ended.
    /// </summary>
    public static IReadOnlyList<string> NotMade(PlanDocument after, int trainingCode) =>
        after.Artifacts.Where(a => a.Runs.Any(r => r.Status != "cached")).Select(a =>
        {
            var needing = a.Runs.Select(r => r.NeedsData).OfType<string>().Distinct().ToList();
            if (needing.Count > 0) return $"{a.Name} (needing {string.Join(", ", needing)}, which could not be fetched)";
            int absent = a.Runs.Count(r => r.Status != "cached");
            return $"{a.Name} ({absent} of {a.Runs.Count} runs not in the store; training ended with {ExitCodes.Describe(trainingCode)})";
        }).ToList();

    /// <summary>
    /// The whole sequence on this machine. <paramref name="fetch"/> fetches one data set (false when it could not,
    /// having said why); <paramref name="train"/> trains keys and returns its exit code; <paramref name="render"/>
    /// renders artifacts. Returns the exit code and, when some artifact was not made, the one line that names them.
    /// </summary>
    public (int ExitCode, string? Verdict) Regenerate(IReadOnlyList<ExperimentSpec> specs, string? profile, Func<string, bool> fetch,
                                                      Func<IReadOnlyList<string>, int> train, Action<IReadOnlyList<ExperimentSpec>> render)
    {
        foreach (var dataset in Plan(specs, profile).NeedsData) fetch(dataset);
        var plan = Plan(specs, profile, skipUnfetched: true);
        int trained = plan.Missing.Count > 0 ? train(plan.Missing) : ExitCodes.Success;
        if (trained is ExitCodes.Interrupted or ExitCodes.Terminated) return (trained, null);   // asked to stop: stop
        var after = Plan(specs, profile);
        var complete = Complete(after).Select(a => a.Name).ToHashSet();
        var ready = specs.Where(s => complete.Contains(s.Artifact)).ToList();
        if (ready.Count > 0) render(ready);
        var notMade = NotMade(after, trained);
        if (notMade.Count == 0) return (trained, null);
        return (trained != ExitCodes.Success ? trained : ExitCodes.Failed,
                $"not made: {string.Join("; ", notMade)}. Everything else is in results/.");
    }
}
