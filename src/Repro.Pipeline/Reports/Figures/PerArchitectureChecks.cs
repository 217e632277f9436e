using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Figure 1b's claims judged for each architecture alone (issue 24: the Fashion-MNIST MLP must not decide the CIFAR-10
/// claim), beside the pooled Goldilocks verdict, which stays as it was. Written and committed before any run of the
/// cpu-scale profile finished; the thresholds are the pooled check's (2 pp, train accuracy ≥ 95%).
/// </summary>
public static class PerArchitectureChecks
{
    public const string GoldilocksStatement = "test accuracy rises with η up to a point, then training diverges (this architecture alone).";

    public const string UnstableBestStatement =
        "the best test accuracy comes from an η whose runs are unstable (λ₁ reached 2/η, or started above it) yet converge, not from a stable η.";

    /// <summary>An η is compared only with ≥ 2 qualifying seeds: a paired comparison needs two pairs.</summary>
    public const int MinimumSeeds = 2;

    /// <summary>The statements as declared (for NOT RUN rows); rendered claims prefix them with the architecture.</summary>
    public static IReadOnlyList<string> Statements => [GoldilocksStatement, UnstableBestStatement];

    /// <summary>"VGG-style, width 8 (CIFAR-10 …, 512 images): …", the statement of one group's claim.</summary>
    public static string For(IReadOnlyList<FinishedRun> group, string statement) =>
        $"{DisplayNames.Model(group[0].Config)} ({DisplayNames.Data(group[0].Config)}): {statement}";

    /// <summary>Both checks for every run group (architecture) of the figure.</summary>
    public static IEnumerable<Claim> Judge(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        foreach (var group in Series.ByGroup(runs))
        {
            var list = group.ToList();
            yield return Figure1bRenderer.Goldilocks(artifact, list) with { Statement = For(list, GoldilocksStatement) };
            yield return UnstableBest(artifact, list);
        }
    }

    /// <summary>
    /// Fixed before the runs. Qualifying runs: convergent and trained to 95% train accuracy (Figure 1b's precondition). An η is a
    /// candidate when none of its seeds diverged and ≥ 2 of them qualify; it is <i>unstable</i> when every qualifying run's
    /// measured regime is edge of stability, unsettled or beyond the edge, <i>stable</i> when every one is stable (mixed η are
    /// neither). PASS: the best unstable η's mean final test accuracy beats the best stable η's by ≥ 2 pp, and on every seed
    /// the two share the unstable η is the more accurate. FAIL: both kinds exist and that does not hold. INCONCLUSIVE: no
    /// stable or no unstable candidate, or fewer than 2 shared seeds.
    /// </summary>
    public static Claim UnstableBest(string artifact, IReadOnlyList<FinishedRun> group)
    {
        const string check = "best unstable-but-convergent η beats the best stable η by ≥ 2 pp mean final test accuracy, and on every shared seed";
        string statement = For(group, UnstableBestStatement);
        var screening = Screening.Of(group.Where(r => !r.Outcome.Diverged), [RunRequirement.TrainedTo(Figure1bRenderer.MinimumTrainAccuracy)],
                                     $"an η is compared when no seed diverged and ≥ {MinimumSeeds} seeds qualify");
        var candidates = group.GroupBy(r => r.Lr).OrderBy(g => g.Key)
            .Where(g => g.All(r => !r.Outcome.Diverged))
            .Select(g => g.Where(screening.Qualifying.Contains).ToList())
            .Where(q => q.Count >= MinimumSeeds)
            .ToList();
        var stable = candidates.Where(q => q.All(r => StabilityRegimes.Of(r) == StabilityRegime.Stable)).ToList();
        var unstable = candidates.Where(q => q.All(r => StabilityRegimes.IsUnstableConvergent(StabilityRegimes.Of(r)))).ToList();
        string kinds = $"{stable.Count} stable η ({Lrs(stable)}), {unstable.Count} unstable η ({Lrs(unstable)}) with ≥ {MinimumSeeds} qualifying seeds";
        if (stable.Count == 0 || unstable.Count == 0)
            return Claim.Inconclusive(artifact, statement, check, $"{kinds}: needs one of each").On(screening);

        var bestStable = stable.MaxBy(MeanAccuracy)!;
        var bestUnstable = unstable.MaxBy(MeanAccuracy)!;
        var paired = SeedPairing.Compare(bestStable, bestUnstable, FinalAccuracy);
        string measured = $"{kinds}; best stable η={G(bestStable[0].Lr)} → {Percent(MeanAccuracy(bestStable))}, "
                        + $"best unstable η={G(bestUnstable[0].Lr)} → {Percent(MeanAccuracy(bestUnstable))}; "
                        + $"paired difference {Paired(paired, 1, 100)} pp over {paired.Pairs} seeds, unstable better on {BetterOn(bestStable, bestUnstable)}";
        if (paired.Pairs < MinimumSeeds)
            return Claim.Inconclusive(artifact, statement, check, measured + $" (needs ≥ {MinimumSeeds} shared seeds)").On(screening);
        bool holds = MeanAccuracy(bestUnstable) - MeanAccuracy(bestStable) >= Figure1bRenderer.MinimumRise
                     && BetterOnEvery(bestStable, bestUnstable);
        return Claim.Judge(artifact, statement, check, measured, holds).On(screening);
    }

    private static double FinalAccuracy(FinishedRun run) => Series.Final(run, MetricColumns.TestAccuracy, IfDiverged.NaN);

    private static double MeanAccuracy(List<FinishedRun> runs) => Statistics.Mean([.. runs.Select(FinalAccuracy)]);

    private static string Lrs(List<List<FinishedRun>> etas) => etas.Count == 0 ? "none" : string.Join(", ", etas.Select(q => G(q[0].Lr)));

    private static List<(double Stable, double Unstable)> Shared(List<FinishedRun> stable, List<FinishedRun> unstable) =>
        [.. stable.Join(unstable, r => r.Seed, r => r.Seed, (s, u) => (FinalAccuracy(s), FinalAccuracy(u)))];

    private static bool BetterOnEvery(List<FinishedRun> stable, List<FinishedRun> unstable) =>
        Shared(stable, unstable).All(p => p.Unstable > p.Stable);

    private static string BetterOn(List<FinishedRun> stable, List<FinishedRun> unstable)
    {
        var shared = Shared(stable, unstable);
        return $"{shared.Count(p => p.Unstable > p.Stable)} of {shared.Count}";
    }
}
