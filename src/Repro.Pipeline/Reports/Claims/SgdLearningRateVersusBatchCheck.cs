using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// "Its effect outweighs minibatch noise": on the grid of η × batch size, how much of the variation of log final λ₁ the
/// learning rate explains against the batch size, seeds as replicates (two-way ANOVA, <see cref="TwoWayAnova"/>). The
/// FigureSGD table of seeds 0–4 was seen before this check was written, so it judges seeds from
/// <see cref="MechanismRules.FirstUnseenSeed"/> on only. Test accuracy gets the same decomposition, reported, not judged.
/// </summary>
public static class SgdLearningRateVersusBatchCheck
{
    public const string Statement = "Under SGD, the learning rate's effect on the final sharpness outweighs the minibatch noise's (batch size).";

    public static readonly string Check =
        $"two-way ANOVA of log final λ₁ over the η × batch-size grid whose every cell has ≥ 2 judged runs of seeds ≥ {MechanismRules.FirstUnseenSeed} (≥ 2 η, ≥ 2 batch sizes, equal replicates per cell): the η main effect's sum of squares exceeds the batch size's, and η's F-test gives p < {MechanismRules.Alpha}";

    public static Claim Judge(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        var unseen = new RunRequirement($"seed ≥ {MechanismRules.FirstUnseenSeed} (trained after this check)", r =>
            r.Seed >= MechanismRules.FirstUnseenSeed ? null : "seen before the check was written");
        var screening = Screening.Of(runs.OrderBy(r => r.Config.BatchSize).ThenBy(r => r.Lr).ThenBy(r => r.Seed),
                                     [unseen, RunRequirement.NotDiverged, RunRequirement.EndedAtEdgeOrConverged],
                                     "a grid of ≥ 2 η × ≥ 2 batch sizes with ≥ 2 qualifying seeds per cell");
        var judged = screening.Qualifying;
        var batches = judged.Select(r => r.Config.BatchSize).Distinct().Order().ToList();
        var lrs = judged.Select(r => r.Lr).Distinct().Order()
                        .Where(lr => batches.All(b => judged.Count(r => r.Lr == lr && r.Config.BatchSize == b) >= 2)).ToList();
        if (lrs.Count < 2 || batches.Count < 2)
            return Claim.Inconclusive(artifact, Statement, Check, $"a complete grid of {lrs.Count} η × {batches.Count} batch sizes (needs ≥ 2 × 2)").On(screening);
        int n = lrs.Min(lr => batches.Min(b => judged.Count(r => r.Lr == lr && r.Config.BatchSize == b)));
        IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Grid(Func<FinishedRun, double> value) =>
            [.. lrs.Select(lr => (IReadOnlyList<IReadOnlyList<double>>)[.. batches.Select(b => (IReadOnlyList<double>)[.. judged
                .Where(r => r.Lr == lr && r.Config.BatchSize == b).OrderBy(r => r.Seed).Take(n).Select(value)])])];
        var sharpness = TwoWayAnova.Of(Grid(r => Math.Log(Series.Final(r, MetricColumns.Sharpness, IfDiverged.NaN))));
        string accuracy = Series.Has(judged[0], MetricColumns.TestAccuracy)
            ? Describe("test accuracy (reported, not judged)", TwoWayAnova.Of(Grid(r => Series.Final(r, MetricColumns.TestAccuracy, IfDiverged.NaN))))
            : "";
        string measured = $"grid η ∈ {{{string.Join(", ", lrs.Select(x => G(x)))}}} × batch ∈ {{{string.Join(", ", batches.Select(b => b == 0 ? "full" : b.ToString(System.Globalization.CultureInfo.InvariantCulture)))}}}, {n} seeds per cell; "
                          + Describe("log final λ₁", sharpness) + (accuracy.Length > 0 ? "; " + accuracy : "");
        bool holds = sharpness.FirstSumOfSquares > sharpness.SecondSumOfSquares && sharpness.FirstP < MechanismRules.Alpha;
        return Claim.Judge(artifact, Statement, Check, measured, holds).On(screening);
    }

    private static string Describe(string what, TwoWayAnova anova) =>
        $"{what}: SS(η) = {G(anova.FirstSumOfSquares)} (F = {G(anova.FirstF)}, p = {G(anova.FirstP, 2)}), SS(batch) = {G(anova.SecondSumOfSquares)} "
        + $"(F = {G(anova.SecondF)}, p = {G(anova.SecondP, 2)}), SS(η × batch) = {G(anova.InteractionSumOfSquares)}, SS(error) = {G(anova.ErrorSumOfSquares)}";
}
