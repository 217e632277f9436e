using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// Flat because the step is large, or a flatter region found? Each GD run is continued from its final iterate at one small
/// common η_c (a <c>continue_from</c> group). If its low λ₁ were only the constraint λ₁ ≈ 2/η, cooling would let every
/// run re-sharpen to the same level; if the large step found a flatter region, the order by training η survives cooling.
/// </summary>
public static class CooldownCheck
{
    public const string Statement = "Flatness outlasts the large step: continued from its final iterate at one small common η_c, a run trained at a larger η keeps a lower λ₁.";

    public static readonly string Check =
        $"cooled λ₁ (the last measurement of the cool-down), averaged over seeds, strictly falls as the training η grows, and Spearman ρ(training η, cooled λ₁) over all judged runs ≤ −{MechanismRules.StrongSpearman} (≥ {MechanismRules.MinimumLearningRates} training η)";

    /// <summary>The cool-down must stay below its own edge, or η_c would flatten it too and the comparison would say nothing.</summary>
    public static readonly RunRequirement StayedStable = new("the cool-down stayed stable (max λ₁ < 2/η_c)", run =>
    {
        var sharpness = Series.Measured(run, MetricColumns.Sharpness).Values;
        return sharpness.Length == 0 ? "sharpness never measured"
             : sharpness.Max() >= 2 / run.Lr ? $"λ₁ reached {G(sharpness.Max())} ≥ 2/η_c = {G(2 / run.Lr)} during the cool-down" : null;
    });

    /// <param name="parents">The runs cooled (their training η is the one compared).</param>
    /// <param name="cooled">The continuations, one per parent (<see cref="Specs.PlannedRun.Parent"/>).</param>
    public static Claim Judge(string artifact, IReadOnlyList<FinishedRun> parents, IReadOnlyList<FinishedRun> cooled)
    {
        var parentOf = cooled.ToDictionary(c => c, c => parents.FirstOrDefault(p => p.Run.Identity == c.Run.Parent?.Identity));
        var parentQualifies = new RunRequirement("its parent did not diverge and reached its edge or converged", c =>
            parentOf[c] is not { } p ? "its parent is not among the runs"
            : (RunRequirement.NotDiverged.Violation(p) ?? RunRequirement.EndedAtEdgeOrConverged.Violation(p)) is { } why ? $"parent: {why}" : null);
        var screening = Screening.Of(cooled.OrderBy(TrainingLr).ThenBy(c => c.Seed),
                                     [parentQualifies, RunRequirement.NotDiverged, StayedStable], $"≥ {MechanismRules.MinimumLearningRates} training η with a qualifying run");
        var byLr = screening.Qualifying.GroupBy(TrainingLr).OrderBy(g => g.Key).ToList();
        if (byLr.Count < MechanismRules.MinimumLearningRates)
            return Claim.Inconclusive(artifact, Statement, Check, $"{byLr.Count} training η with qualifying cool-downs (needs ≥ {MechanismRules.MinimumLearningRates})").On(screening);

        var means = byLr.Select(g => Statistics.Mean([.. g.Select(Cooled)])).ToList();
        bool falling = means.Zip(means.Skip(1)).All(p => p.Second < p.First);
        var judged = screening.Qualifying;
        double rho = Statistics.Spearman([.. judged.Select(TrainingLr)], [.. judged.Select(Cooled)]);
        var parts = byLr.Select(g => $"η={G(g.Key)}: cooled λ₁ = {MeanStdOf([.. g.Select(Cooled)])} (before cooling {MeanStdOf([.. g.Select(c => Before(parentOf[c]!))])})");
        var extremes = SeedPairing.Compare(byLr[0], byLr[^1], Cooled);
        string measured = $"η_c = {G(judged[0].Lr)}, {judged[0].Outcome.StepsRun} steps; " + string.Join("; ", parts)
                          + $"; Spearman ρ = {F(rho, 3)} over {judged.Count} runs"
                          + (extremes.Pairs >= 2 ? $"; largest vs smallest η: {Paired(extremes, 2)}" : "") + " " + Screening.SeedNote(screening.Seeds);
        return Claim.Judge(artifact, Statement, Check, measured, falling && rho <= -MechanismRules.StrongSpearman).On(screening);
    }

    private static double TrainingLr(FinishedRun cooled) => cooled.Run.Parent!.Config.Lr;

    private static double Cooled(FinishedRun run) => Series.Final(run, MetricColumns.Sharpness, IfDiverged.NaN);

    private static double Before(FinishedRun parent) => Series.Final(parent, MetricColumns.Sharpness, IfDiverged.NaN);

    private static string MeanStdOf(IReadOnlyList<double> values) => values.Count == 1 ? G(values[0]) : MeanStd(values, 2);
}
