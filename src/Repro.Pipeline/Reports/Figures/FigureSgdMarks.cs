using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using ScottPlot;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// FigureSGD's marks per batch size: the mean over convergent seeds joined by a line with ± 1 std error bars, and every
/// run as a small mark — filled if the flattening check judged it, hollow if its precondition excluded it, × if it
/// diverged (at its last finite value). Batch sizes are nudged apart along x so their bars do not hide each other.
/// </summary>
public static class FigureSgdMarks
{
    private const double Nudge = 0.02;   // in log10 η

    public static void PerBatch(Plot plot, IReadOnlyList<SgdCell> cells, IReadOnlyList<FinishedRun> runs, IReadOnlyList<RunRequirement> preconditions,
                                Func<SgdCell, IReadOnlyList<double>> bySeed, Func<FinishedRun, double> final, bool explainMarks = true)
    {
        var batches = cells.GroupBy(c => c.BatchSize).ToList();
        for (int b = 0; b < batches.Count; b++)
        {
            var color = FigureFile.Palette[b % FigureFile.Palette.Length];
            double nudge = (b - (batches.Count - 1) / 2.0) * Nudge;
            var means = new List<(double X, double Y)>();
            foreach (var cell in batches[b])
            {
                double x = Math.Log10(cell.Lr) + nudge;
                var values = bySeed(cell).Where(double.IsFinite).ToList();
                if (values.Count > 0)
                {
                    var (mean, std) = Statistics.MeanStd(values);
                    means.Add((x, mean));
                    if (values.Count > 1 && double.IsFinite(std)) ErrorBar(plot, x, mean, std, color);
                }
                foreach (var run in runs.Where(r => r.Config.BatchSize == cell.BatchSize && r.Lr == cell.Lr))
                {
                    double y = final(run);
                    if (!double.IsFinite(y)) continue;
                    var shape = run.Outcome.Diverged ? MarkerShape.Eks
                              : preconditions.Any(p => p.Violation(run) is not null) ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
                    plot.Add.Marker(x + 0.45 * Nudge, y, shape, shape == MarkerShape.FilledCircle ? 5 : 10, color.WithAlpha(0.85));
                }
            }
            var line = plot.Add.ScatterLine(means.Select(m => m.X).ToArray(), means.Select(m => m.Y).ToArray(), color);
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LegendText = DisplayNames.BatchSize(batches[b].Key) + (batches[b].Any(c => c.Diverged > 0) ? " (some runs diverged)" : "");
        }
        if (!explainMarks) return;
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledCircle, 5, Colors.Gray).LegendText = "one run, judged by the flattening check";
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.OpenCircle, 10, Colors.Gray).LegendText = "one run, excluded by the precondition (neither at its edge nor converged)";
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.Eks, 10, Colors.Gray).LegendText = "one run, diverged (last finite value)";
    }

    private static void ErrorBar(Plot plot, double x, double mean, double std, Color color)
    {
        plot.Add.Line(x, mean - std, x, mean + std).LineColor = color;
        foreach (double y in new[] { mean - std, mean + std })
            plot.Add.Line(x - Nudge / 3, y, x + Nudge / 3, y).LineColor = color;
    }
}
