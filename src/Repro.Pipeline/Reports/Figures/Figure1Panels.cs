using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>Figure 1's panels over steps, (a)–(e): each η a median line over seeds with its min–max band.</summary>
public static class Figure1Panels
{
    public static void Loss(Plot plot, IReadOnlyList<LrRuns> lrs, string scale)
    {
        foreach (var lr in lrs)
            Log(lr.Band(MetricColumns.TrainLoss)).Draw(plot, lr.Color, lr.Legend);
        MarkBoundaries(plot, lrs);
        var config = lrs[0].Runs[0].Config;
        LogPanel(plot, $"(a) training loss — full-batch GD, {DisplayNames.Setup(config)}, {DisplayNames.Loss(config)} loss\n{scale}; {SeedsNote(lrs)}",
                 "training loss (log scale)");
    }

    public static void Sharpness(Plot plot, IReadOnlyList<LrRuns> lrs)
    {
        double top = 0;
        foreach (var lr in lrs)
        {
            var band = lr.Band(MetricColumns.Sharpness);
            band.Draw(plot, lr.Color, $"λ₁, η = {G(lr.Lr)}");
            double edge = 2 / lr.Lr;
            plot.Add.HorizontalLine(edge, 1.5f, lr.Color, LinePattern.Dashed).LegendText = $"2/η = {G(edge)}";
            top = Math.Max(top, Math.Max(edge, band.Median.DefaultIfEmpty(0).Max()));
        }
        MarkBoundaries(plot, lrs);
        plot.Title($"(b) sharpness λ₁ (Lanczos) and the stability threshold 2/η (dashed)\ndotted: first step with λ₁ ≥ 2/η (median over seeds); {SeedsNote(lrs)}");
        plot.XLabel("step");
        plot.YLabel("sharpness λ₁ (largest Hessian eigenvalue)");
        // Spikes far above every 2/η would squash the lines; they are in the table, the axis shows up to 1.3× the largest 2/η.
        plot.Axes.SetLimitsY(0, Math.Min(top, 1.3 * lrs.Max(l => 2 / l.Lr)) * 1.05);
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>
    /// θ* is each run's final iterate, the only one recorded. Over linear steps every curve falls to 0 at the end and the
    /// phase boundary (steps 50–1,150 of 10,000) is squeezed to the left edge; a log step axis shows whether the distance
    /// bends where λ₁ reaches 2/η (dotted), that is whether it separates the phases.
    /// </summary>
    public static void DistanceToFinal(Plot plot, IReadOnlyList<LrRuns> lrs)
    {
        foreach (var lr in lrs)
        {
            var band = lr.Band(MetricColumns.DistanceToFinal);
            var positive = Enumerable.Range(0, band.Steps.Length).Where(i => band.Steps[i] >= 1).ToArray();
            var logSteps = band with
            {
                Steps = [.. positive.Select(i => Math.Log10(band.Steps[i]))],
                Median = [.. positive.Select(i => band.Median[i])],
                Min = [.. positive.Select(i => band.Min[i])],
                Max = [.. positive.Select(i => band.Max[i])],
            };
            Log(logSteps).Draw(plot, lr.Color, lr.Legend);
            if (lr.Boundary is { } step && step >= 1)
                plot.Add.VerticalLine(Math.Log10(step), 1.5f, lr.Color.WithAlpha(0.8), LinePattern.Dotted);
        }
        LogPanel(plot, "(c) distance ‖θ_t − θ*‖₂ to θ* = each run's final iterate (its last step), over log steps;\n"
                       + "dotted: first step with λ₁ ≥ 2/η. The phases are separated if the curves bend there", "‖θ_t − θ*‖₂ (log scale)");
        plot.XLabel("step (log scale)");
        FigureFile.UseLogTicks(plot.Axes.Bottom);
    }

    /// <summary>The paper separates the phases by "the magnitude of parameter oscillations": the step length, and how much of it lies along v₁.</summary>
    public static void Oscillation(Plot plot, IReadOnlyList<LrRuns> lrs)
    {
        bool any = false;
        foreach (var lr in lrs)
        {
            var step = lr.Band(MetricColumns.StepNorm);
            if (step.Steps.Length == 0) continue;
            any = true;
            Log(step.Smoothed(Window(step))).Draw(plot, lr.Color, $"‖θ_(t+1) − θ_t‖, η = {G(lr.Lr)}");
            var along = lr.Band(MetricColumns.StepAlongV1);
            if (Log(along.Smoothed(Window(along))) is { Steps.Length: > 0 } a)
            {
                var line = plot.Add.ScatterLine(a.Steps, a.Median, lr.Color);
                line.LinePattern = LinePattern.Dashed;
                line.LineWidth = 1.5f;
                line.LegendText = $"|⟨θ_(t+1) − θ_t, v₁⟩|, η = {G(lr.Lr)} (median)";
            }
        }
        if (any) MarkBoundaries(plot, lrs); else NothingRecorded(plot);
        LogPanel(plot, "(d) parameter oscillation: step length ‖θ_(t+1) − θ_t‖₂ (solid), its component along v₁ (dashed)\n"
                       + (any ? "running median over 1% of the run, per η" : "not recorded in these runs (made before step_norm existed)"),
                 "step length (log scale)", Alignment.LowerLeft);
    }

    /// <summary>Period two: θ_(t+1) returns to θ_(t−1). The ratio is ≈ 2 while GD walks straight, ≪ 1 when it flips back and forth.</summary>
    public static void PeriodTwo(Plot plot, IReadOnlyList<LrRuns> lrs)
    {
        bool any = false;
        foreach (var lr in lrs)
        {
            var band = SeedBand.Of([.. lr.Runs.Select(Ratio)]);
            if (band.Steps.Length == 0) continue;
            any = true;
            Log(band.Smoothed(Window(band))).Draw(plot, lr.Color, $"η = {G(lr.Lr)}");
        }
        plot.Add.HorizontalLine(Math.Log10(2), 1, Colors.Gray, LinePattern.Dotted).LegendText = "2: consecutive steps aligned (no oscillation)";
        if (any) MarkBoundaries(plot, lrs); else NothingRecorded(plot);
        LogPanel(plot, "(e) period-two signature ‖θ_(t+1) − θ_(t−1)‖ / ‖θ_(t+1) − θ_t‖, running median over 1% of the run\n"
                       + "well below 1 when GD flips back and forth across a valley" + (any ? "" : "; not recorded in these runs"),
                 "ratio (log scale)", Alignment.LowerLeft);
    }

    private static (double[] Steps, double[] Values) Ratio(FinishedRun run)
    {
        var steps = Series.Steps(run);
        var two = Series.Rows(run, MetricColumns.PeriodTwoNorm);
        var one = Series.Rows(run, MetricColumns.StepNorm);
        var rows = Enumerable.Range(0, steps.Length).Where(k => two[k] > 0 && one[k] > 0).ToArray();
        return ([.. rows.Select(k => steps[k])], [.. rows.Select(k => two[k] / one[k])]);
    }

    /// <summary>What the lines and bands are, for a panel's title.</summary>
    private static string SeedsNote(IReadOnlyList<LrRuns> lrs) =>
        lrs.Max(l => l.Runs.Count) is var seeds && seeds > 1 ? $"lines: median over {seeds} seeds, bands: their min–max" : "1 seed per η";

    /// <summary>1% of the band's points: enough to turn a period-two zigzag into its level, not enough to blur the phase boundary.</summary>
    private static int Window(SeedBand band) => Math.Max(1, band.Steps.Length / 100) | 1;

    private static SeedBand Log(SeedBand band) => band.Map(v => v > 0 ? Math.Log10(v) : double.NaN);

    private static void MarkBoundaries(Plot plot, IReadOnlyList<LrRuns> lrs)
    {
        foreach (var lr in lrs)
            if (lr.Boundary is { } step)
                plot.Add.VerticalLine(step, 1.5f, lr.Color.WithAlpha(0.8), LinePattern.Dotted);
    }

    /// <summary>What the log panels share: the step along x, log10 values along y labelled as the values, a legend.</summary>
    private static void LogPanel(Plot plot, string title, string yLabel, Alignment legend = Alignment.UpperRight)
    {
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(yLabel);
        FigureFile.UseLogTicks(plot.Axes.Left);
        plot.ShowLegend(legend);
    }

    /// <summary>An empty panel gets a y range of its own.</summary>
    private static void NothingRecorded(Plot plot) => plot.Axes.SetLimitsY(-1, 1);
}
