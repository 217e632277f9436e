using Repro.Core.Optimizers;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// The Clipped-Ada study (experiments/figure-clipped-ada-study.yaml), fixed before its judged runs were trained. Run groups
/// play roles by name: calibration_* (Adam's √v̂ quantiles, never judged), select_* (the η sweep, judged on validation
/// accuracy only), judge_* (fresh seeds at the chosen η). Per variant (<see cref="StudyVariant"/>) the chosen η is the one
/// with the best mean final validation accuracy over the selection seeds (ties: the smaller η); a diverged run scores
/// chance, <see cref="ChanceAccuracy"/>, on validation and test alike, so an η or an optimizer that diverges pays for it.
/// </summary>
public static class ClippedAdaStudy
{
    public const string CalibrationPrefix = "calibration";
    public const string SelectionPrefix = "select";
    public const string JudgedPrefix = "judge";

    /// <summary>Ten classes: what a diverged run is scored.</summary>
    public const double ChanceAccuracy = 0.1;

    /// <summary>The precondition: the clip binds on at least this mean fraction of coordinates over training.</summary>
    public const double MinimumClipFraction = 0.01;

    /// <summary>A loss spike: the full training loss rises above this multiple of its running minimum (counted once per rise).</summary>
    public const double SpikeFactor = 2;

    public static bool Has(FinishedRun run, string prefix) => run.Run.Group.StartsWith(prefix, StringComparison.Ordinal);

    public static double TestAccuracy(FinishedRun run) =>
        run.Outcome.Diverged ? ChanceAccuracy : Series.Final(run, MetricColumns.TestAccuracy, IfDiverged.NaN);

    public static double ValidationAccuracy(FinishedRun run) =>
        run.Outcome.Diverged ? ChanceAccuracy : Series.Final(run, MetricColumns.ValidationAccuracy, IfDiverged.NaN);

    /// <summary>Adam's stability threshold on the preconditioned sharpness, (2 + 2β₁)/((1 − β₁)η): 38/η at β₁ = 0.9.</summary>
    public static double Threshold(FinishedRun run)
    {
        double beta1 = run.Config.Settings.Trainer!.Hyperparameters[OptimizerCatalog.Beta1];
        return (2 + 2 * beta1) / ((1 - beta1) * run.Lr);
    }

    /// <summary>The fraction of curvature measurements after the first update with preconditioned sharpness ≥ the threshold.</summary>
    public static double TimeAboveThreshold(FinishedRun run)
    {
        var (steps, values) = Series.Measured(run, MetricColumns.PreconditionedSharpness);
        var after = values.Where((_, i) => steps[i] >= 1).ToList();
        return after.Count == 0 ? double.NaN : (double)after.Count(v => v >= Threshold(run)) / after.Count;
    }

    /// <summary>The largest preconditioned sharpness over training as a multiple of the threshold.</summary>
    public static double PeakOverThreshold(FinishedRun run)
    {
        var values = Series.Measured(run, MetricColumns.PreconditionedSharpness).Values;
        return values.Length == 0 ? double.NaN : values.Max() / Threshold(run);
    }

    /// <summary>How often the full training loss rose above <see cref="SpikeFactor"/> × its running minimum (each rise once).</summary>
    public static int Spikes(FinishedRun run)
    {
        var loss = Series.Measured(run, MetricColumns.TrainLoss).Values;
        int spikes = 0;
        double minimum = double.PositiveInfinity;
        bool above = false;
        foreach (double value in loss)
        {
            bool now = value > SpikeFactor * minimum;
            if (now && !above) spikes++;
            above = now;
            minimum = Math.Min(minimum, value);
        }
        return spikes;
    }

    /// <summary>Every variant of the selection and judged runs, in display order, with its chosen η.</summary>
    public static IReadOnlyList<VariantResult> Variants(IReadOnlyList<FinishedRun> runs)
    {
        var selection = runs.Where(r => Has(r, SelectionPrefix)).ToList();
        var judged = runs.Where(r => Has(r, JudgedPrefix)).ToList();
        return selection.Concat(judged).Select(StudyVariant.Of).Distinct()
            .OrderBy(v => v.BatchSize == 0 ? int.MaxValue : v.BatchSize).ThenBy(v => v.Order)
            .Select(variant =>
            {
                var mine = selection.Where(r => StudyVariant.Of(r) == variant).ToList();
                var sweep = mine.GroupBy(r => r.Lr).OrderBy(g => g.Key)
                                .Select(g => (g.Key, Statistics.Mean([.. g.Select(ValidationAccuracy).Where(double.IsFinite)]), g.Count())).ToList();
                var best = sweep.Where(s => double.IsFinite(s.Item2)).OrderByDescending(s => s.Item2).ThenBy(s => s.Key).FirstOrDefault();
                double chosen = sweep.Count == 0 ? double.NaN : best.Key;
                return new VariantResult(variant, sweep, chosen, [.. mine.Where(r => r.Lr == chosen)],
                                         [.. judged.Where(r => StudyVariant.Of(r) == variant)]);
            }).ToList();
    }

    /// <summary>
    /// Per batch size, the Clipped-Ada variant the checks judge: among those whose clip binds on ≥ 1 % of coordinates in
    /// their selection runs at the chosen η, the best mean validation accuracy (chosen before any fresh run is looked at).
    /// </summary>
    public static VariantResult? BestClippedAda(IEnumerable<VariantResult> batch) =>
        batch.Where(v => v.Variant.IsClippedAda && v.SelectionClipFraction >= MinimumClipFraction && double.IsFinite(v.Validation))
             .OrderByDescending(v => v.Validation).FirstOrDefault();

    public static VariantResult? Adam(IEnumerable<VariantResult> batch) =>
        batch.FirstOrDefault(v => v.Variant.Optimizer == OptimizerKind.Adam && double.IsFinite(v.ChosenLr));
}
