using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Figure 2's snapshots, as the paper shows them: the largest instabilities of the run (<see cref="InstabilityEvents"/>:
/// λ₁ rising above 2/η and falling back), each in a window from <see cref="Margin"/> steps before its peak to
/// <see cref="Margin"/> steps after the fall, so the recovery is in view. Upper panel: λ₁ with 2/η and the training loss
/// (right axis); lower panel: the rotation of the top-2 eigenspace (and of v₁, faint). Dotted: the fall back to 2/η.
/// </summary>
public static class Figure2Snapshots
{
    public const int Margin = 12;

    /// <summary>The <paramref name="count"/> instabilities with the highest peak relative to 2/η, in the order they happened.</summary>
    public static IReadOnlyList<InstabilityEvent> Largest(FinishedRun run, int count) =>
        [.. InstabilityEvents.Of(run).OrderByDescending(e => e.Peak).Take(count).OrderBy(e => e.PeakIndex)];

    public static void Draw(Plot upper, Plot lower, FinishedRun run, InstabilityEvent? spike, int number)
    {
        if (spike is null)
        {
            upper.Title($"(s{number}) no instability (λ₁ above (1 + {MechanismRules.SpikeMargin:0.##})·2/η, then back) in this run");
            lower.Title("");
            return;
        }
        var steps = Series.Steps(run);
        int from = Math.Max(0, spike.PeakIndex - Margin), to = Math.Min(steps.Length - 1, spike.FallIndex + Margin);
        double edge = 2 / run.Lr;
        var window = steps[from..(to + 1)];

        Line(upper, window, Series.Rows(run, MetricColumns.Sharpness)[from..(to + 1)], FigureFile.Palette[0], "λ₁", 2f);
        upper.Add.HorizontalLine(edge, 1.5f, Colors.Black, LinePattern.Dashed).LegendText = $"2/η = {G(edge, 4)}";
        var loss = Line(upper, window, Series.Rows(run, MetricColumns.TrainLoss)[from..(to + 1)], FigureFile.Palette[1], "training loss (right axis)", 1.5f);
        loss.Axes.YAxis = upper.Axes.Right;
        upper.Axes.Right.Label.Text = "training loss";
        upper.Title($"(s{number}) instability at step {Step(steps[spike.PeakIndex])}: λ₁ peaks at {F(spike.Peak / edge, 2)}·2/η, back at 2/η by step {Step(spike.FallStep)}");
        upper.YLabel("λ₁");

        if (Series.Has(run, MetricColumns.SubspaceRotation))
            Line(lower, window, Series.Rows(run, MetricColumns.SubspaceRotation)[from..(to + 1)], FigureFile.Palette[4], "sin ∠(top-2(t), top-2(t−1))", 2f);
        Line(lower, window, [.. Series.Rows(run, MetricColumns.RotationCosine)[from..(to + 1)].Select(c => 1 - c)], FigureFile.Palette[3].WithAlpha(0.45),
             "1 − |cos(v₁(t), v₁(t−1))| (ties can fake it)", 1f);
        lower.Title($"(s{number}, rotation) the leading eigenspace's rotation around that instability");
        lower.YLabel("rotation per step");
        foreach (var plot in new[] { upper, lower })
        {
            plot.Add.VerticalLine(spike.FallStep, 1.5f, Colors.Gray, LinePattern.Dotted).LegendText = "λ₁ back at 2/η (the fall)";
            plot.XLabel("step");
            plot.Axes.SetLimitsX(window[0], window[^1]);
            plot.ShowLegend(Alignment.UpperRight);
        }
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, Color color, string legend, float width)
    {
        var finite = Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(ys[i])).ToArray();
        var line = plot.Add.ScatterLine(finite.Select(i => xs[i]).ToArray(), finite.Select(i => ys[i]).ToArray(), color);
        line.LineWidth = width;
        line.MarkerSize = 3;
        line.LegendText = legend;
        return line;
    }
}
