using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Figure 1's panels of the mechanism checks (issue 23), each marking what its check judged: (f) λ₁ along each
/// cool-down, (g) the cooled λ₁ per run against the training η (CooldownCheck), (h) the mean top-2 subspace rotation
/// over each run's unstable phase against η (RotationGrowthCheck). Colours are the training η's, as in (a)–(e).
/// </summary>
public static class Figure1MechanismPanels
{
    /// <summary>λ₁ along each cool-down, coloured by its parent's training η; dots: the last measurement, the cooled λ₁ the check reads.</summary>
    public static void Cooldown(Plot plot, IReadOnlyList<LrRuns> lrs, IReadOnlyList<FinishedRun> cooled)
    {
        if (cooled.Count == 0)
        {
            plot.Title("(f) λ₁ along the cool-downs at η_c — no cool-down runs among these runs");
            plot.Axes.SetLimits(0, 1, 0, 1);
            return;
        }
        double etaC = cooled[0].Lr;
        foreach (var lr in lrs)
        {
            bool first = true;
            foreach (var run in cooled.Where(c => ParentLr(c) == lr.Lr))
            {
                var (steps, sharpness) = Series.Measured(run, MetricColumns.Sharpness);
                if (steps.Length == 0) continue;
                var line = plot.Add.ScatterLine(steps, sharpness, lr.Color);
                line.LineWidth = 1.5f;
                line.MarkerSize = 3;
                if (first) line.LegendText = $"trained at η = {G(lr.Lr)} (one line per seed)";
                first = false;
                plot.Add.Marker(steps[^1], sharpness[^1], MarkerShape.FilledCircle, 8, lr.Color);
            }
        }
        plot.Add.HorizontalLine(2 / etaC, 1.5f, Colors.Black, LinePattern.Dashed).LegendText = $"2/η_c = {G(2 / etaC)}";
        plot.Title($"(f) cool-down: λ₁ continued from each run's final iterate at η_c = {G(etaC)}; dots: cooled λ₁ (last measurement)\n"
                   + "if flatness were only the step-size constraint, the lines would meet");
        plot.XLabel("cool-down step");
        plot.YLabel("sharpness λ₁");
        plot.ShowLegend(Alignment.LowerRight);
    }

    /// <summary>
    /// The cooled λ₁ of every cool-down against its training η: filled dots the runs the check judged, crosses the runs it
    /// excluded (from its claim's Excluded list), hollow circles λ₁ before cooling; the line joins the means of the judged runs.
    /// </summary>
    public static void CooledAgainstEta(Plot plot, IReadOnlyList<LrRuns> lrs, IReadOnlyList<FinishedRun> cooled, Claim check)
    {
        var excluded = cooled.Where(c => IsExcluded(check, c)).ToHashSet();
        var means = new List<(double X, double Y)>();
        foreach (var lr in lrs)
        {
            var mine = cooled.Where(c => ParentLr(c) == lr.Lr).ToList();
            double x = Math.Log10(lr.Lr);
            foreach (var parent in lr.Runs)
                if (!parent.Outcome.Diverged && Series.Final(parent, MetricColumns.Sharpness, IfDiverged.NaN) is var before && double.IsFinite(before))
                    plot.Add.Marker(x, before, MarkerShape.OpenCircle, 9, lr.Color.WithAlpha(0.7));
            foreach (var run in mine)
            {
                double after = Series.Final(run, MetricColumns.Sharpness, IfDiverged.LastFinite);
                if (double.IsFinite(after)) plot.Add.Marker(x, after, excluded.Contains(run) ? MarkerShape.Eks : MarkerShape.FilledCircle, 10, lr.Color);
            }
            var judged = mine.Where(c => !excluded.Contains(c)).Select(c => Series.Final(c, MetricColumns.Sharpness, IfDiverged.NaN)).Where(double.IsFinite).ToList();
            if (judged.Count > 0) means.Add((x, Statistics.Mean(judged)));
        }
        if (means.Count > 1)
        {
            var line = plot.Add.ScatterLine(means.Select(m => m.X).ToArray(), means.Select(m => m.Y).ToArray(), Colors.Black);
            line.LegendText = "mean cooled λ₁ of the judged runs";
        }
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledCircle, 9, Colors.Gray).LegendText = "cooled λ₁, judged";
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.Eks, 11, Colors.Gray).LegendText = "cooled λ₁, excluded by a precondition";
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.OpenCircle, 9, Colors.Gray).LegendText = "λ₁ before cooling (final λ₁ of the run)";
        plot.Title($"(g) cooled λ₁ against the training η — cool-down check: {Verdict(check)}\nthe claim: the order by η survives cooling (falls left to right)");
        plot.XLabel("training learning rate η (log scale)");
        plot.YLabel("λ₁");
        LrTicks(plot, lrs);
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>Each run's mean top-2 subspace rotation over its unstable phase, the statistic RotationGrowthCheck correlates with η.</summary>
    public static void RotationAgainstEta(Plot plot, IReadOnlyList<LrRuns> lrs, Claim check)
    {
        var means = new List<(double X, double Y)>();
        foreach (var lr in lrs)
        {
            double x = Math.Log10(lr.Lr);
            var excluded = lr.Runs.Where(r => IsExcluded(check, r)).ToHashSet();
            var judged = new List<double>();
            foreach (var run in lr.Runs)
            {
                double rotation = RotationGrowthCheck.MeanRotation(run);
                if (!double.IsFinite(rotation)) continue;
                plot.Add.Marker(x, rotation, excluded.Contains(run) ? MarkerShape.Eks : MarkerShape.FilledCircle, 10, lr.Color);
                if (!excluded.Contains(run)) judged.Add(rotation);
            }
            if (judged.Count > 0) means.Add((x, Statistics.Mean(judged)));
        }
        if (means.Count > 1)
            plot.Add.ScatterLine(means.Select(m => m.X).ToArray(), means.Select(m => m.Y).ToArray(), Colors.Black).LegendText = "mean of the judged runs";
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledCircle, 9, Colors.Gray).LegendText = "one run, judged";
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.Eks, 11, Colors.Gray).LegendText = "one run, excluded by a precondition";
        plot.Title($"(h) rotation against η — rotation check: {Verdict(check)}\nper run: mean sin∠(top-2 eigenspace, previous) from the first λ₁ ≥ 2/η on");
        plot.XLabel("learning rate η (log scale)");
        plot.YLabel("mean top-2 subspace rotation");
        LrTicks(plot, lrs);
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static string Verdict(Claim claim) => claim.Verdict switch
    {
        ClaimVerdict.Pass => "PASS",
        ClaimVerdict.Fail => "FAIL",
        ClaimVerdict.Inconclusive => "INCONCLUSIVE",
        _ => "NOT RUN",
    };

    /// <summary>Whether the check's screening excluded the run (its Excluded lines start with the run's name).</summary>
    private static bool IsExcluded(Claim check, FinishedRun run) =>
        check.Excluded.Any(e => e.StartsWith(DisplayNames.Run(run) + ": ", StringComparison.Ordinal));

    private static double ParentLr(FinishedRun cooled) => cooled.Run.Parent!.Config.Lr;

    private static void LrTicks(Plot plot, IReadOnlyList<LrRuns> lrs)
    {
        plot.Axes.Bottom.SetTicks([.. lrs.Select(l => Math.Log10(l.Lr))], [.. lrs.Select(l => G(l.Lr))]);
        double lo = Math.Log10(lrs[0].Lr), hi = Math.Log10(lrs[^1].Lr), pad = Math.Max(0.1 * (hi - lo), 0.1);
        plot.Axes.SetLimitsX(lo - pad, hi + pad);
    }
}
