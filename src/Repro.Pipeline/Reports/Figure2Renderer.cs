using Repro.Pipeline.Frames;
using Repro.Pipeline.Specs;
using ScottPlot;
using static Repro.Pipeline.Reports.FinalValues;

namespace Repro.Pipeline.Reports;

/// <summary>
/// Figure 2: one instability up close, from a full-batch GD run with curvature at every step. Panels: train loss;
/// λ₁ (Lanczos) with 2/η and Hutchinson's tr(H) on its own right axis; λ_min; rotation 1 − |cos(v₁(t), v₁(t−1))|.
/// A window around the largest loss spike is shaded in every panel; the table lists the steps of that window.
/// </summary>
public sealed class Figure2Renderer : IArtifactRenderer
{
    /// <summary>Steps shown on each side of the spike in the shaded window and the table.</summary>
    public const int WindowHalfWidth = 12;

    public string Name => "figure2";

    public IReadOnlyList<string> ClaimStatements => [];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<RunResult> runs, ResultsFolder results)
    {
        var run = runs.Count > 0 ? runs[0] : throw new SpecException(spec.SourceFile, 1, "the figure2 renderer needs one run");
        double lr = run.Run.Config.Number("lr");
        var steps = MetricsCsv.Doubles(run.Metrics, MetricColumns.Step);
        var loss = MetricsCsv.Doubles(run.Metrics, MetricColumns.TrainLoss);
        int spike = LargestSpike(loss);
        double from = steps[Math.Max(0, spike - WindowHalfWidth)], to = steps[Math.Min(steps.Length - 1, spike + WindowHalfWidth)];

        var figure = new Multiplot();
        figure.AddPlots(4);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        var panels = Enumerable.Range(0, 4).Select(figure.GetPlot).ToArray();
        foreach (var panel in panels)
            panel.Add.HorizontalSpan(from, to, Colors.Orange.WithAlpha(0.18)).LegendText = $"largest one-step loss rise (step {steps[spike]:F0}) ± {WindowHalfWidth} steps";

        Line(panels[0], steps, loss, FigureFile.Palette[0], "train loss");
        panels[0].Title($"(a) training loss, full-batch GD, η = {G(lr)}");
        panels[0].YLabel("train loss (MSE)");

        Line(panels[1], steps, MetricsCsv.Doubles(run.Metrics, MetricColumns.Sharpness), FigureFile.Palette[0], "λ₁ (Lanczos)");
        panels[1].Add.HorizontalLine(2 / lr, 1.5f, Colors.Black, LinePattern.Dashed).LegendText = $"2/η = {G(2 / lr)}";
        var trace = MetricsCsv.Doubles(run.Metrics, MetricColumns.HessianTrace);
        if (trace.Any(double.IsFinite))
        {
            var traceLine = Line(panels[1], steps, trace, FigureFile.Palette[1], "tr(H), Hutchinson (right axis; not λ₁)");
            traceLine.Axes.YAxis = panels[1].Axes.Right;
            panels[1].Axes.Right.Label.Text = "Hutchinson estimate of tr(H)";
        }
        panels[1].Title("(b) sharpness λ₁ against 2/η, and the Hessian trace");
        panels[1].YLabel("λ₁ (largest Hessian eigenvalue)");

        Line(panels[2], steps, MetricsCsv.Doubles(run.Metrics, MetricColumns.LambdaMin), FigureFile.Palette[2], "λ_min (Lanczos)");
        panels[2].Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        panels[2].Title("(c) most negative Hessian eigenvalue λ_min");
        panels[2].YLabel("λ_min");

        var rotation = MetricsCsv.Doubles(run.Metrics, MetricColumns.RotationCosine).Select(c => 1 - c).ToArray();
        Line(panels[3], steps, rotation, FigureFile.Palette[3], "1 − |cos(v₁(t), v₁(t−1))|");
        panels[3].Title("(d) rotation of the leading eigenvector v₁ between consecutive steps");
        panels[3].YLabel("1 − |cos(v₁(t), v₁(t−1))|");
        panels[3].Axes.SetLimitsY(-0.02, 1.02);

        Alignment[] legends = [Alignment.UpperRight, Alignment.LowerRight, Alignment.LowerRight, Alignment.UpperLeft];   // where the data is not
        for (int i = 0; i < panels.Length; i++)
        {
            panels[i].XLabel("step");
            panels[i].ShowLegend(legends[i]);
        }
        var figures = FigureFile.Save(figure, results, spec.Artifact, 1600, 1000);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, Table(run, spike));
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

    private static string Table(RunResult run, int spike)
    {
        var columns = new[] { MetricColumns.Step, MetricColumns.TrainLoss, MetricColumns.Sharpness, MetricColumns.HessianTrace,
                              MetricColumns.LambdaMin, MetricColumns.RotationCosine }.Select(c => MetricsCsv.Doubles(run.Metrics, c)).ToArray();
        double lr = run.Run.Config.Number("lr");
        var table = new MarkdownTable("step", "train loss", "λ₁", "λ₁ / (2/η)", "tr(H) (Hutchinson)", "λ_min", "1 − |cos(v₁(t), v₁(t−1))|");
        for (int i = Math.Max(0, spike - WindowHalfWidth); i <= Math.Min(columns[0].Length - 1, spike + WindowHalfWidth); i++)
            table.Add(columns[0][i].ToString("F0", System.Globalization.CultureInfo.InvariantCulture), G(columns[1][i]), G(columns[2][i]),
                      F(columns[2][i] * lr / 2, 3), G(columns[3][i]), G(columns[4][i]), G(1 - columns[5][i]));
        return $"Full-batch GD, η = {G(lr)} (2/η = {G(2 / lr)}): the steps around the largest one-step loss rise "
               + $"(step {columns[0][spike]:F0}).\n\n{table}";
    }
}
