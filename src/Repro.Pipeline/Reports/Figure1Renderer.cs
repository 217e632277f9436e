using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Mechanism;
using Repro.Pipeline.Specs;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports;

/// <summary>
/// Figure 1: stable and unstable phases of full-batch GD, one line per η (the first seed); a dotted line marks the first
/// step where λ₁ reaches 2/η. (a) training loss, (b) sharpness λ₁ with 2/η, (c) ‖θ_t − θ*‖₂ to the final iterate,
/// (d) the oscillation itself: ‖θ_{t+1} − θ_t‖ and its component along v₁, (e) the period-two signature
/// ‖θ_{t+1} − θ_{t−1}‖ / ‖θ_{t+1} − θ_t‖. Table: per run, λ₁(θ₀), that step, and where λ₁ settled.
/// Claims: λ₁ settles near 2/η, and the final λ₁ falls as η grows.
/// </summary>
public sealed class Figure1Renderer : IArtifactRenderer
{
    public const string SettlingClaim = "Sharpness settles within 15% of 2/η in GD runs (edge of stability).";
    public const string FallingClaim = "Final sharpness falls as η grows among convergent GD runs.";

    /// <summary>
    /// The paper's wording ("λ_max ≈ 2/η") gives no tolerance; 15% is the issue's, fixed before any run. It is loose enough
    /// for the oscillation of λ₁ around 2/η at the edge of stability, tight enough to tell it from a run still sharpening.
    /// </summary>
    public const double SettlingTolerance = 0.15;

    public string Name => "figure1";

    public IReadOnlyList<string> ClaimStatements =>
        [SettlingClaim, FallingClaim, CooldownCheck.Statement, EqualLossCheck.Statement, RotationGrowthCheck.Statement];

    // The rotation checks read the top-2 subspace's rotation, which needs λ₂.
    public IReadOnlyList<string> RequiredMeasures => ["lambda1", "lambda2", "subspace"];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> all, ResultsFolder results)
    {
        // The GD runs, and their cool-downs (runs that continue them at a small η: a continue_from group), judged apart.
        var runs = all.Where(r => r.Run.Parent is null).ToList();
        var cooled = all.Where(r => r.Run.Parent is not null).ToList();
        if (runs.Count == 0) throw new SpecException(spec.SourceFile, 1, "the figure1 renderer needs at least one run");
        // One line per η: the figure shows the first seed; the table and the claims use every seed.
        var shown = runs.GroupBy(r => r.Lr).Select(g => g.MinBy(r => r.Seed)!).OrderBy(r => r.Lr).ToList();

        var figure = new Multiplot();
        figure.AddPlots(5);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        DrawLoss(figure.GetPlot(0), shown, Scale.Of(runs));
        DrawSharpness(figure.GetPlot(1), shown);
        DrawDistanceToFinal(figure.GetPlot(2), shown);
        DrawOscillation(figure.GetPlot(3), shown);
        DrawPeriodTwo(figure.GetPlot(4), shown);
        // Every panel spans exactly the runs' steps (auto-scaling pads them out to ticks at −500 and 10,500).
        double lastStep = shown.Max(r => Series.Steps(r).DefaultIfEmpty(1).Max());
        for (int panel = 0; panel < 5; panel++) figure.GetPlot(panel).Axes.SetLimitsX(0, lastStep);
        var figures = FigureFile.Save(figure, results, spec.Artifact, 1200, 2250);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, Table(runs));
        return new Rendering(figures, [results.Relative(table)],
        [
            Settling(spec.Artifact, runs), Falling(spec.Artifact, runs),
            CooldownCheck.Judge(spec.Artifact, runs, cooled), EqualLossCheck.Judge(spec.Artifact, runs), RotationGrowthCheck.Judge(spec.Artifact, runs),
        ]);
    }

    /// <summary>
    /// Fixed before the runs: the median λ₁ over the last third of each judged run is within ±15% of 2/η, for every
    /// judged run (at least one). Preconditions (new): the run did not diverge and reached 2/η before its last third
    /// (a run that reaches it later has not had time to settle).
    /// </summary>
    public static Claim Settling(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        const string check = "median λ₁ over the last third of each judged run is within ±15% of 2/η (≥ 1 judged run)";
        var screening = Screening.Of(runs.OrderBy(r => r.Lr).ThenBy(r => r.Seed),
                                     [RunRequirement.NotDiverged, RunRequirement.ReachedEdgeBeforeLastThird], "≥ 1 qualifying run");
        if (screening.Qualifying.Count == 0)
            return Claim.Inconclusive(artifact, SettlingClaim, check, "no run meets the preconditions (needs ≥ 1)").On(screening);
        bool holds = true;
        var measured = new List<string>();
        foreach (var lr in screening.Qualifying.GroupBy(r => r.Lr))
        {
            var ratios = lr.Select(r => (Run: r, Ratio: SettledSharpness(r) * r.Lr / 2)).ToList();
            holds &= ratios.All(x => Math.Abs(x.Ratio - 1) <= SettlingTolerance);
            if (ratios.Count == 1)
                measured.Add($"η={G(lr.Key)} seed {ratios[0].Run.Seed}: λ₁ = {G(SettledSharpness(ratios[0].Run))} = {F(ratios[0].Ratio, 2)}·(2/η)");
            else
            {
                var worst = ratios.MaxBy(x => Math.Abs(x.Ratio - 1));
                measured.Add($"η={G(lr.Key)}, {ratios.Count} seeds: λ₁/(2/η) = {MeanStd([.. ratios.Select(x => x.Ratio)], 3)} "
                             + $"(furthest: seed {worst.Run.Seed}, {F(worst.Ratio, 3)})");
            }
        }
        int seeds = screening.Seeds;
        // A relative change δ of λ₁ moves λ₁/(2/η) = r to r(1 + δ): the verdict flips at |r(1 + δ) − 1| = tolerance.
        var parts = screening.Qualifying.Select(r => SettledSharpness(r) * r.Lr / 2).Select(r => (SettlingTolerance - Math.Abs(r - 1)) / r);
        return Claim.Judge(artifact, SettlingClaim, check, string.Join("; ", measured) + (seeds == 1 ? " " + Screening.SeedNote(1) : ""), holds)
                    .On(screening)
                    .Against(DriftCheck.Of(parts, KernelDrift.FullBatchSharpness));
    }

    /// <summary>
    /// Fixed before the runs: the mean over seeds of the final λ₁ strictly falls from each η to the next larger one, over at
    /// least two η. Preconditions (new): the runs did not diverge and ended at their stability edge or converged (a run
    /// still sharpening when its budget ends says nothing about where training ends).
    /// </summary>
    public static Claim Falling(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        const string check = "mean final λ₁ over seeds strictly decreases with η across the judged η (≥ 2 η)";
        var screening = Screening.Of(runs.OrderBy(r => r.Lr).ThenBy(r => r.Seed),
                                     [RunRequirement.NotDiverged, RunRequirement.EndedAtEdgeOrConverged], "≥ 2 η with a qualifying run");
        var byLr = screening.Qualifying.Where(r => double.IsFinite(FinalSharpness(r))).GroupBy(r => r.Lr).OrderBy(g => g.Key)
                            .Select(g => (Lr: g.Key, Runs: g.ToList(), Final: Statistics.Mean([.. g.Select(FinalSharpness)]))).ToList();
        if (byLr.Count < 2)
            return Claim.Inconclusive(artifact, FallingClaim, check, $"{byLr.Count} η with qualifying runs (needs ≥ 2)").On(screening);
        var parts = new List<string> { $"η={G(byLr[0].Lr)}: λ₁={MeanStdOrValue(byLr[0].Runs)}" };
        foreach (var (a, b) in byLr.Zip(byLr.Skip(1)))
        {
            var paired = SeedPairing.Compare(a.Runs, b.Runs, FinalSharpness);
            parts.Add($"η={G(b.Lr)}: λ₁={MeanStdOrValue(b.Runs)}" + (paired.Pairs >= 2 ? $" [{Paired(paired, 2)}]" : ""));
        }
        bool falling = byLr.Zip(byLr.Skip(1)).All(p => p.Second.Final < p.First.Final);
        int seeds = screening.Seeds;
        return Claim.Judge(artifact, FallingClaim, check, string.Join(", ", parts) + " " + Screening.SeedNote(seeds), falling).On(screening)
                    .Against(DriftCheck.Of(DriftCheck.Drops(byLr.Select(x => x.Final)), KernelDrift.FullBatchSharpness));
    }

    private static double FinalSharpness(FinishedRun run) => Series.Final(run, MetricColumns.Sharpness, IfDiverged.NaN);

    private static double SettledSharpness(FinishedRun run) => Series.MedianFrom(run, MetricColumns.Sharpness, 2.0 / 3.0 * run.Outcome.StepsRun);

    private static string MeanStdOrValue(IReadOnlyList<FinishedRun> runs) =>
        runs.Count == 1 ? G(FinalSharpness(runs[0])) : MeanStd([.. runs.Select(FinalSharpness)], 2);

    private static void DrawLoss(Plot plot, IReadOnlyList<FinishedRun> runs, string scale)
    {
        for (int i = 0; i < runs.Count; i++)
            LogLine(plot, runs[i], MetricColumns.TrainLoss, i, Legend(runs[i]));
        var config = runs[0].Config;
        LogPanel(plot, $"(a) training loss — full-batch GD, {DisplayNames.Setup(config)}, {DisplayNames.Loss(config)} loss\n{scale}",
                 "training loss (log scale)");
    }

    private static void DrawSharpness(Plot plot, IReadOnlyList<FinishedRun> runs)
    {
        double top = 0;
        for (int i = 0; i < runs.Count; i++)
        {
            var (steps, sharpness) = Series.Measured(runs[i], MetricColumns.Sharpness);
            var line = plot.Add.ScatterLine(steps, sharpness, FigureFile.Palette[i]);
            line.LineWidth = 1.5f;
            line.MarkerSize = 3;
            line.LegendText = $"λ₁, η = {G(runs[i].Lr)}";
            double edge = 2 / runs[i].Lr;
            plot.Add.HorizontalLine(edge, 1.5f, FigureFile.Palette[i], LinePattern.Dashed).LegendText = $"2/η = {G(edge)}";
            MarkBoundary(plot, runs[i], FigureFile.Palette[i]);
            top = Math.Max(top, Math.Max(edge, sharpness.DefaultIfEmpty(0).Max()));
        }
        plot.Title("(b) sharpness λ₁ (Lanczos) and the stability threshold 2/η (dashed); dotted: first step with λ₁ ≥ 2/η");
        plot.XLabel("step");
        plot.YLabel("sharpness λ₁ (largest Hessian eigenvalue)");
        // Spikes far above every 2/η would squash the lines; they are in the table, the axis shows up to 1.3× the largest 2/η.
        double largestEdge = runs.Max(r => 2 / r.Lr);
        plot.Axes.SetLimitsY(0, Math.Min(top, 1.3 * largestEdge) * 1.05);
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void DrawDistanceToFinal(Plot plot, IReadOnlyList<FinishedRun> runs)
    {
        for (int i = 0; i < runs.Count; i++)
            LogLine(plot, runs[i], MetricColumns.DistanceToFinal, i, Legend(runs[i]));   // θ* itself is at distance 0: not drawn
        LogPanel(plot, "(c) distance to the final iterate ‖θ_t − θ*‖₂ (θ* = parameters at the last step): how far training still has to go",
                 "‖θ_t − θ*‖₂ (log scale)");
    }

    /// <summary>The paper separates the phases by "the magnitude of parameter oscillations": the step length, and how much of it lies along v₁.</summary>
    private static void DrawOscillation(Plot plot, IReadOnlyList<FinishedRun> runs)
    {
        bool any = false;
        for (int i = 0; i < runs.Count; i++)
        {
            any |= LogLine(plot, runs[i], MetricColumns.StepNorm, i, $"‖θ_(t+1) − θ_t‖, η = {G(runs[i].Lr)}") is not null;
            if (LogLine(plot, runs[i], MetricColumns.StepAlongV1, i, $"|⟨θ_(t+1) − θ_t, v₁⟩|, η = {G(runs[i].Lr)}") is { } along)
                along.LinePattern = LinePattern.Dashed;
        }
        if (!any) NothingRecorded(plot);
        LogPanel(plot, "(d) parameter oscillation: step length ‖θ_(t+1) − θ_t‖₂ (solid), its component along v₁ (dashed)"
                       + (any ? "" : "\nnot recorded in these runs (made before step_norm existed)"),
                 "step length (log scale)");
    }

    /// <summary>Period two: θ_(t+1) returns to θ_(t−1). The ratio is ≈ 2 while GD walks straight, ≪ 1 when it flips back and forth.</summary>
    private static void DrawPeriodTwo(Plot plot, IReadOnlyList<FinishedRun> runs)
    {
        bool any = false;
        for (int i = 0; i < runs.Count; i++)
        {
            var steps = Series.Steps(runs[i]);
            var two = Series.Rows(runs[i], MetricColumns.PeriodTwoNorm);
            var one = Series.Rows(runs[i], MetricColumns.StepNorm);
            var rows = Enumerable.Range(0, steps.Length).Where(k => two[k] > 0 && one[k] > 0).ToArray();
            if (rows.Length == 0) continue;
            any = true;
            var line = plot.Add.ScatterLine(rows.Select(k => steps[k]).ToArray(), rows.Select(k => Math.Log10(two[k] / one[k])).ToArray(), FigureFile.Palette[i]);
            line.LineWidth = 1.5f;
            line.LegendText = $"η = {G(runs[i].Lr)}";
            MarkBoundary(plot, runs[i], FigureFile.Palette[i]);
        }
        plot.Add.HorizontalLine(Math.Log10(2), 1, Colors.Gray, LinePattern.Dotted).LegendText = "2: consecutive steps aligned (no oscillation)";
        if (!any) NothingRecorded(plot);
        LogPanel(plot, "(e) period-two signature ‖θ_(t+1) − θ_(t−1)‖ / ‖θ_(t+1) − θ_t‖\nwell below 1 when GD flips back and forth across a valley"
                       + (any ? "" : "; not recorded in these runs"),
                 "ratio (log scale)", Alignment.LowerLeft);
    }

    /// <summary>What panels (a), (c), (d) and (e) share: the step along x, log10 values along y labelled as the values, a legend.</summary>
    private static void LogPanel(Plot plot, string title, string yLabel, Alignment legend = Alignment.UpperRight)
    {
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(yLabel);
        FigureFile.UseLogTicks(plot.Axes.Left);
        plot.ShowLegend(legend);
    }

    /// <summary>An empty panel gets a y range of its own; its x range is the runs' steps, as every panel's (Render).</summary>
    private static void NothingRecorded(Plot plot) => plot.Axes.SetLimitsY(-1, 1);

    /// <summary>log10 of the positive measurements of <paramref name="column"/>; null when the run has none.</summary>
    private static ScottPlot.Plottables.Scatter? LogLine(Plot plot, FinishedRun run, string column, int colour, string legend)
    {
        var (steps, values) = Series.Measured(run, column);
        var positive = Enumerable.Range(0, values.Length).Where(k => values[k] > 0).ToArray();
        if (positive.Length == 0) return null;
        var line = plot.Add.ScatterLine(positive.Select(k => steps[k]).ToArray(), positive.Select(k => Math.Log10(values[k])).ToArray(), FigureFile.Palette[colour]);
        line.LineWidth = 1.5f;
        line.LegendText = legend;
        MarkBoundary(plot, run, FigureFile.Palette[colour]);
        return line;
    }

    private static void MarkBoundary(Plot plot, FinishedRun run, Color color)
    {
        if (Series.EdgeReachedAt(run) is { } step)
            plot.Add.VerticalLine(step, 1.5f, color.WithAlpha(0.8), LinePattern.Dotted);
    }

    private static string Legend(FinishedRun run) =>
        $"η = {G(run.Lr)}" + (run.Outcome.Diverged ? $" (diverged at step {run.Outcome.DivergedAtStep})" : "")
        + (Series.EdgeReachedAt(run) is { } step ? $", λ₁ ≥ 2/η from step {step}" : ", λ₁ < 2/η throughout");

    private static string Table(IReadOnlyList<FinishedRun> runs)
    {
        var table = new MarkdownTable("η", "seed", "2/η", "λ₁(θ₀)", "first step λ₁ ≥ 2/η", "median λ₁, last third", "final λ₁",
                                      "final loss", "final test accuracy", "outcome");
        foreach (var run in runs.OrderBy(r => r.Lr).ThenBy(r => r.Seed))
        {
            table.Add(G(run.Lr), run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                      G(2 / run.Lr), G(Series.First(run, MetricColumns.Sharpness)),
                      Series.EdgeReachedAt(run) is { } at ? Step(at) : "never",
                      G(SettledSharpness(run)), G(Series.Final(run, MetricColumns.Sharpness, IfDiverged.LastFinite)),
                      G(Series.Final(run, MetricColumns.TrainLoss, IfDiverged.LastFinite)),
                      Percent(Series.Final(run, MetricColumns.TestAccuracy, IfDiverged.LastFinite)),
                      run.Outcome.Diverged ? $"diverged at step {run.Outcome.DivergedAtStep}" : $"{run.Outcome.StepsRun} steps ({run.Outcome.StoppedBy})");
        }
        return $"Full-batch GD, {DisplayNames.Setup(runs[0].Config)}; {Scale.Of(runs)}. The phase boundary is the first measured step with λ₁ ≥ 2/η.\n\n{table}";
    }
}
