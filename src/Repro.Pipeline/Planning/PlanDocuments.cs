using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning;

/// <summary>Builds the <see cref="PlanDocument"/> of some artifacts: plans each, estimates each run, packs the missing ones into batches.</summary>
public static class PlanDocuments
{
    /// <param name="profile">A profile for every artifact, or null for each artifact's default.</param>
    /// <param name="skipUnfetched">Leave out of <see cref="PlanDocument.Missing"/> and the batches the runs whose data set the
    /// data folder lacks (after a fetch, one that could not be fetched), so that no job is planned to fail for want of
    /// data; they stay in the artifacts with their <see cref="PlanRun.NeedsData"/>.</param>
    /// <param name="costs">The cost model, or null when the project has no calibration (estimates are then null and batches dealt by count).</param>
    public static PlanDocument Build(Planner planner, IEnumerable<ExperimentSpec> specs, string? profile, CostModel? costs,
                                     int maxJobs, double? jobBudgetSeconds, bool skipUnfetched = false)
    {
        var artifacts = specs.DistinctBy(spec => spec.Artifact).Select(spec =>
        {
            string chosen = profile ?? spec.DefaultProfile;
            var runs = planner.Plan(spec, chosen).Select(p => new PlanRun(
                p.Identity.ToString(), p.Run.DisplayName, p.Run.Label, p.Key.Value, p.Status.ToString().ToLowerInvariant(), p.Why,
                p.NeedsData, costs?.EstimateSeconds(p.Run.Config.Settings))).ToList();
            return new PlanArtifact(spec.Artifact, spec.Description.Trim(), chosen, runs);
        }).ToList();
        // Runs shared by several artifacts have one key: train each once.
        var missing = artifacts.SelectMany(a => a.Runs).Where(r => r.Status != "cached" && !(skipUnfetched && r.NeedsData is not null)).DistinctBy(r => r.Key).ToList();
        if (costs is null && jobBudgetSeconds is not null)
            throw new ArgumentException("--job-budget needs estimates, and the project has no calibration/cost-model.json; run `repro bench calibrate`");
        var batches = BatchPacker.Pack(missing.Select(r => (r.Key, r.EstimatedSeconds ?? 1.0)).ToList(), maxJobs, jobBudgetSeconds);
        return new PlanDocument(PlanDocument.CurrentSchemaVersion, planner.Threads, missing.Select(r => r.Key).ToList(),
                                batches.Select(b => string.Join(" ", b)).ToList(),
                                costs is null ? null : missing.Sum(r => r.EstimatedSeconds!.Value), artifacts,
                                artifacts.SelectMany(a => a.Runs).Select(r => r.NeedsData).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList(),
                                artifacts.Where(a => a.Runs.Any(r => r.NeedsData is not null)).Select(a => a.Name).ToList());
    }
}
