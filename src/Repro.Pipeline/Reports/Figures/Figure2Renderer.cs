using Repro.Pipeline.Metrics;
using Repro.Pipeline.Specs;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Figure 2: one instability up close, from a full-batch GD run with curvature at every step. Panels: train loss;
/// λ₁ (Lanczos) with 2/η and Hutchinson's tr(H) on its own right axis; λ_min; rotation 1 − |cos(v₁(t), v₁(t−1))| with the
/// top-k subspace rotations beside it; the eigengap λ₁ − λ₂; and the v₁ rotation against the relative eigengap (where
/// λ₁ and λ₂ nearly coincide, v₁ is ill-defined and 1 − |cos| jumps although nothing rotated). The last two and the
/// subspace rotations are shown only for runs that recorded λ₂ (engine 3 on).
/// A window around the largest loss spike is shaded in every panel; the table lists the steps of that window. Above them,
/// snapshots of the largest instabilities of λ₁ with their recovery (<see cref="Figure2Snapshots"/>).
/// </summary>
public sealed class Figure2Renderer : IArtifactRenderer
{
    /// <summary>Steps shown on each side of the spike in the shaded window and the table.</summary>
    public const int WindowHalfWidth = 12;

    public string Name => "figure2";

    public IReadOnlyList<string> ClaimStatements => [];

    public IReadOnlyList<string> RequiredMeasures => ["lambda1", "lambda2", "lambda_min", "subspace"];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> runs, ResultsFolder results)
    {
        var run = runs.Count > 0 ? runs[0] : throw new SpecException(spec.SourceFile, 1, "the figure2 renderer needs one run");
        double lr = run.Lr;
        var steps = Series.Steps(run);
        var loss = Series.Rows(run, MetricColumns.TrainLoss);
        int spike = LargestSpike(loss);
        double from = steps[Math.Max(0, spike - WindowHalfWidth)], to = steps[Math.Min(steps.Length - 1, spike + WindowHalfWidth)];

        // Two rows of snapshots (the three largest instabilities, zoomed so the recovery is in view), then the whole run.
        var figure = new Multiplot();
        figure.AddPlots(12);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(4, 3);
        var spikes = Figure2Snapshots.Largest(run, 3);
        for (int i = 0; i < 3; i++)
            Figure2Snapshots.Draw(figure.GetPlot(i), figure.GetPlot(3 + i), run, i < spikes.Count ? spikes[i] : null, i + 1);
        var panels = Enumerable.Range(6, 6).Select(figure.GetPlot).ToArray();
        foreach (var panel in panels[..5])
            panel.Add.HorizontalSpan(from, to, Colors.Orange.WithAlpha(0.18)).LegendText = $"largest one-step loss rise (step {Step(steps[spike])}) ± {WindowHalfWidth} steps";

        Line(panels[0], steps, loss, FigureFile.Palette[0], "train loss");
        panels[0].Title($"(a) training loss, full-batch GD, η = {G(lr, 4)}\n{Scale.Of(runs)}");
        panels[0].YLabel("train loss (MSE)");

        Line(panels[1], steps, Series.Rows(run, MetricColumns.Sharpness), FigureFile.Palette[0], "λ₁ (Lanczos)");
        panels[1].Add.HorizontalLine(2 / lr, 1.5f, Colors.Black, LinePattern.Dashed).LegendText = $"2/η = {G(2 / lr, 4)}";
        var trace = Series.Rows(run, MetricColumns.HessianTrace);
        if (trace.Any(double.IsFinite))
        {
            var traceLine = Line(panels[1], steps, trace, FigureFile.Palette[1], "tr(H), Hutchinson (right axis; not λ₁)");
            traceLine.Axes.YAxis = panels[1].Axes.Right;
            panels[1].Axes.Right.Label.Text = "Hutchinson estimate of tr(H)";
        }
        panels[1].Title("(b) sharpness λ₁ against 2/η, and the Hessian trace");
        panels[1].YLabel("λ₁ (largest Hessian eigenvalue)");

        Line(panels[2], steps, Series.Rows(run, MetricColumns.LambdaMin), FigureFile.Palette[2], "λ_min (Lanczos)");
        panels[2].Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        panels[2].Title("(c) most negative Hessian eigenvalue λ_min");
        panels[2].YLabel("λ_min");

        var rotation = Series.Rows(run, MetricColumns.RotationCosine).Select(c => 1 - c).ToArray();
        Line(panels[3], steps, rotation, FigureFile.Palette[3], "1 − |cos(v₁(t), v₁(t−1))|");
        panels[3].Title("(d) rotation of the leading eigenvector v₁ between consecutive steps");
        panels[3].YLabel("1 − |cos(v₁(t), v₁(t−1))|");
        panels[3].Axes.SetLimitsY(-0.02, 1.02);
        bool hasSubspace = Series.Has(run, MetricColumns.SubspaceRotation);
        if (hasSubspace)
        {
            Line(panels[3], steps, Series.Rows(run, MetricColumns.SubspaceRotation), FigureFile.Palette[4], "sin ∠(top-k(t), top-k(t−1)), exploratory");
            Line(panels[3], steps, Series.Rows(run, MetricColumns.V1SubspaceRotation), FigureFile.Palette[5], "sin ∠(v₁(t), top-k(t−1)), exploratory");
        }

        var sharpness = Series.Rows(run, MetricColumns.Sharpness);
        var lambda2 = Series.Rows(run, MetricColumns.Lambda2);
        var gap = sharpness.Zip(lambda2, (l1, l2) => l1 - l2).ToArray();
        bool hasGap = gap.Any(double.IsFinite);
        if (hasGap)
        {
            Line(panels[4], steps, gap, FigureFile.Palette[6], "eigengap λ₁ − λ₂");
            Line(panels[4], steps, lambda2, FigureFile.Palette[7], "λ₂").LinePattern = LinePattern.Dashed;
        }
        panels[4].Title("(e) eigengap λ₁ − λ₂ (and λ₂, dashed)" + (hasGap ? "" : " — λ₂ not recorded in this run"));
        panels[4].YLabel("λ₁ − λ₂");

        var relativeGap = gap.Zip(sharpness, (g, l1) => g / l1).ToArray();
        var both = Enumerable.Range(0, gap.Length).Where(i => double.IsFinite(relativeGap[i]) && double.IsFinite(rotation[i]) && relativeGap[i] > 0).ToArray();
        if (both.Length > 0)
        {
            var points = panels[5].Add.ScatterPoints(both.Select(i => Math.Log10(relativeGap[i])).ToArray(), both.Select(i => rotation[i]).ToArray(), FigureFile.Palette[3]);
            points.MarkerSize = 4;
            points.LegendText = "one measurement";
            FigureFile.UseLogTicks(panels[5].Axes.Bottom);
        }
        panels[5].Title("(f) v₁ rotation against the relative eigengap (λ₁ − λ₂)/λ₁, exploratory" + (both.Length > 0 ? "" : " — λ₂ not recorded"));
        panels[5].YLabel("1 − |cos(v₁(t), v₁(t−1))|");

        Alignment[] legends = [Alignment.UpperRight, Alignment.LowerRight, Alignment.LowerRight, Alignment.UpperLeft, Alignment.UpperRight, Alignment.UpperRight];   // where the data is not
        for (int i = 0; i < panels.Length; i++)
        {
            panels[i].XLabel(i == 5 ? "relative eigengap (λ₁ − λ₂)/λ₁ (log scale)" : "step");
            panels[i].ShowLegend(legends[i]);
        }
        var figures = FigureFile.Save(figure, results, spec.Artifact, 2400, 2000);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, Table(run, spike, Scale.Of(runs)));
        return new Rendering(figures, [results.Relative(table)], []);
    }

    /// <summary>The row with the largest relative one-step rise of the loss, loss[t] / loss[t−1]; 0 if the loss never rises.</summary>
    public static int LargestSpike(IReadOnlyList<double> loss)
    {
        int best = 0;
        double bestRatio = 1;
        for (int t = 1; t < loss.Count; t++)
        {
            double ratio = loss[t] / loss[t - 1];
            if (double.IsFinite(ratio) && ratio > bestRatio) (best, bestRatio) = (t, ratio);
        }
        return best;
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, Color color, string legend)
    {
        var finite = Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(ys[i])).ToArray();
        var line = plot.Add.ScatterLine(finite.Select(i => xs[i]).ToArray(), finite.Select(i => ys[i]).ToArray(), color);
        line.LineWidth = 1.5f;
        line.LegendText = legend;
        return line;
    }

    private static string Table(FinishedRun run, int spike, string scale)
    {
        var columns = new[] { MetricColumns.Step, MetricColumns.TrainLoss, MetricColumns.Sharpness, MetricColumns.HessianTrace,
                              MetricColumns.LambdaMin, MetricColumns.RotationCosine, MetricColumns.Lambda2, MetricColumns.SubspaceRotation }
                      .Select(c => Series.Rows(run, c)).ToArray();
        double lr = run.Lr;
        var table = new MarkdownTable("step", "train loss", "λ₁", "λ₁ / (2/η)", "tr(H) (Hutchinson)", "λ_min", "1 − |cos(v₁(t), v₁(t−1))|",
                                      "λ₂", "λ₁ − λ₂", "top-k subspace rotation (exploratory)");
        for (int i = Math.Max(0, spike - WindowHalfWidth); i <= Math.Min(columns[0].Length - 1, spike + WindowHalfWidth); i++)
            table.Add(Step(columns[0][i]), G(columns[1][i], 4), G(columns[2][i], 4), F(columns[2][i] * lr / 2, 3), G(columns[3][i], 4),
                      G(columns[4][i], 4), G(1 - columns[5][i], 4), G(columns[6][i], 4), G(columns[2][i] - columns[6][i], 4), G(columns[7][i], 4));
        return $"Full-batch GD, η = {G(lr, 4)} (2/η = {G(2 / lr, 4)}), {scale}: the steps around the largest one-step loss rise "
               + $"(step {Step(columns[0][spike])}). λ₂ and the subspace rotation are empty for runs made before they were recorded.\n\n{table}";
    }
}
