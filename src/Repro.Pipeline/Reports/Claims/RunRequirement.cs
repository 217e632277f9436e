using Repro.Pipeline.Metrics;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// Something a run must satisfy before a claim may judge it: a description for CLAIMS.md, and a test that says why a run
/// fails it (null when it passes). Written after the first paper-profile results were seen (issue 14), unlike the
/// claims' thresholds, which were fixed before any run; CLAIMS.md says so.
/// </summary>
public sealed record RunRequirement(string Description, Func<FinishedRun, string?> Violation)
{
    /// <summary>The paper trains until 99.9% train accuracy; a run at that point has finished fitting its training set.</summary>
    public const double ConvergedTrainAccuracy = 0.999;

    public static readonly RunRequirement NotDiverged = new("did not diverge",
        run => run.Outcome.Diverged ? $"diverged at step {run.Outcome.DivergedAtStep}" : null);

    /// <summary>
    /// Trained to <paramref name="accuracy"/> (final train accuracy): a run that has not fitted its training set is still
    /// learning, and its test accuracy says how far it got rather than where the optimizer takes it.
    /// </summary>
    public static RunRequirement TrainedTo(double accuracy) => new($"final train accuracy ≥ {Format.Percent(accuracy)}", run =>
    {
        double reached = Series.Final(run, MetricColumns.TrainAccuracy, IfDiverged.NaN);
        return double.IsNaN(reached) ? "train accuracy not measured"
             : reached < accuracy ? $"final train accuracy {Format.Percent(reached)} < {Format.Percent(accuracy)}" : null;
    });

    /// <summary>
    /// For claims about where training ends: the run reached its stability edge (max λ₁ ≥ (1 − 10%)·2/η, the tolerance of
    /// <see cref="StabilityRegimes.EdgeTolerance"/>) or converged (final train accuracy ≥ 99.9%, the paper's stopping rule).
    /// A run that did neither was still sharpening when its budget ended, and its final λ₁ is not where training ends.
    /// </summary>
    public static readonly RunRequirement EndedAtEdgeOrConverged = new(
        $"reached its stability edge (max λ₁ ≥ {1 - StabilityRegimes.EdgeTolerance:0.0#}·2/η) or converged (final train accuracy ≥ {Format.Percent(ConvergedTrainAccuracy)})",
        run =>
        {
            var sharpness = Series.Measured(run, MetricColumns.Sharpness).Values;
            if (sharpness.Length == 0) return "sharpness never measured";
            double edge = 2 / run.Lr, peak = sharpness.Max();
            if (peak >= (1 - StabilityRegimes.EdgeTolerance) * edge) return null;
            double accuracy = Series.Final(run, MetricColumns.TrainAccuracy, IfDiverged.NaN);
            if (accuracy >= ConvergedTrainAccuracy) return null;
            return $"still sharpening: max λ₁ = {Format.G(peak)} = {Format.F(peak / edge, 2)}·2/η, "
                   + $"final train accuracy {Format.Percent(accuracy)}";
        });

    /// <summary>The run reached 2/η before the last third of its steps, so that third shows where λ₁ settles.</summary>
    public static readonly RunRequirement ReachedEdgeBeforeLastThird = new("λ₁ reached 2/η before the last third of the run", run =>
        Series.EdgeReachedAt(run) is not { } reached ? "λ₁ never reached 2/η"
        : reached > 2.0 / 3.0 * run.Outcome.StepsRun ? $"λ₁ reached 2/η only at step {Format.Step(reached)}, in the last third" : null);

    /// <summary>
    /// A Clipped-Ada run whose clip never binds is Adam, step for step: it cannot show what restoring instabilities does.
    /// Runs made before <c>clip_fraction</c> was recorded cannot be checked and are kept.
    /// </summary>
    public static readonly RunRequirement ClipBinds = new("Clipped-Ada: the clip binds at some recorded step (clip_fraction > 0)", run =>
    {
        if (run.Config.Optimizer != Core.Optimizers.OptimizerKind.ClippedAda || !Series.Has(run, MetricColumns.ClipFraction)) return null;
        return Series.Measured(run, MetricColumns.ClipFraction).Values.Max() > 0 ? null : "the clip never binds (clip_fraction = 0): identical to Adam";
    });
}
