using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// Sharpness compared where the runs have fit the data equally well: λ₁ at the first step each run's training loss falls
/// below one level L* that every judged run reaches. A run at small η can still be sharpening there (λ₁ below 2/η), so
/// the comparison is not the stability edge's arithmetic read at the end of training.
/// </summary>
public static class EqualLossCheck
{
    public const string Statement = "At equal training loss, GD at a larger η sits at a flatter point.";

    public static readonly string Check =
        $"λ₁ at the first measurement at or after the step where the training loss falls below L* = {MechanismRules.EqualLossFactor} × the largest of the judged runs' lowest losses, averaged over seeds, strictly falls as η grows, and Spearman ρ(η, λ₁ at L*) ≤ −{MechanismRules.StrongSpearman} (≥ {MechanismRules.MinimumLearningRates} η)";

    public static Claim Judge(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        var screening = Screening.Of(runs.OrderBy(r => r.Lr).ThenBy(r => r.Seed), [RunRequirement.NotDiverged],
                                     $"≥ {MechanismRules.MinimumLearningRates} η with a qualifying run");
        var judged = screening.Qualifying;
        if (judged.Select(r => r.Lr).Distinct().Count() < MechanismRules.MinimumLearningRates)
            return Claim.Inconclusive(artifact, Statement, Check, $"{judged.Select(r => r.Lr).Distinct().Count()} η with qualifying runs (needs ≥ {MechanismRules.MinimumLearningRates})").On(screening);
        double level = MechanismRules.EqualLossFactor * judged.Max(r => Series.Measured(r, MetricColumns.TrainLoss).Values.Min());
        var atLevel = judged.Select(r => (Run: r, Sharpness: SharpnessAt(r, level))).Where(x => x.Sharpness is not null)
                            .Select(x => (x.Run, Sharpness: x.Sharpness!.Value.Sharpness, x.Sharpness.Value.Step)).ToList();
        var byLr = atLevel.GroupBy(x => x.Run.Lr).OrderBy(g => g.Key).ToList();
        if (byLr.Count < MechanismRules.MinimumLearningRates)
            return Claim.Inconclusive(artifact, Statement, Check, $"{byLr.Count} η with λ₁ measured after reaching L* (needs ≥ {MechanismRules.MinimumLearningRates})").On(screening);
        var means = byLr.Select(g => Statistics.Mean([.. g.Select(x => x.Sharpness)])).ToList();
        bool falling = means.Zip(means.Skip(1)).All(p => p.Second < p.First);
        double rho = Statistics.Spearman([.. atLevel.Select(x => x.Run.Lr)], [.. atLevel.Select(x => x.Sharpness)]);
        var parts = byLr.Select(g => $"η={G(g.Key)}: λ₁ = {MeanStd([.. g.Select(x => x.Sharpness)], 2)} = {F(Statistics.Mean([.. g.Select(x => x.Sharpness)]) * g.Key / 2, 2)}·(2/η) at step {G(Statistics.Mean([.. g.Select(x => x.Step)]))} (mean)");
        string measured = $"L* = {G(level)}; " + string.Join("; ", parts) + $"; Spearman ρ = {F(rho, 3)} over {atLevel.Count} runs " + Screening.SeedNote(screening.Seeds);
        return Claim.Judge(artifact, Statement, Check, measured, falling && rho <= -MechanismRules.StrongSpearman).On(screening);
    }

    /// <summary>λ₁ at the first curvature measurement at or after the first step with training loss ≤ <paramref name="level"/>.</summary>
    public static (double Sharpness, double Step)? SharpnessAt(FinishedRun run, double level)
    {
        var (lossSteps, loss) = Series.Measured(run, MetricColumns.TrainLoss);
        int crossing = Array.FindIndex(loss, l => l <= level);
        if (crossing < 0) return null;
        var (steps, sharpness) = Series.Measured(run, MetricColumns.Sharpness);
        int at = Array.FindIndex(steps, s => s >= lossSteps[crossing]);
        return at < 0 ? null : (sharpness[at], steps[at]);
    }
}
