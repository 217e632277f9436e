using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// FigureRotationCorrelation (c): what the rotation-precedes-flattening check judged. For every instability (λ₁ above
/// 2/η by the check's margin, then back), where the top-2 subspace rotation of the steps just before the fall ranks among
/// the same run's circularly shifted windows: a histogram of those percentiles against the flat line no link would give,
/// with their mean and the check's threshold.
/// </summary>
public static class FigureRotationEvents
{
    private const int Bins = 10;

    /// <summary>Draws the percentiles of <see cref="RotationPrecedesFlatteningCheck.PreFallPercentiles"/>, the ones the check judged.</summary>
    public static void Draw(Plot plot, IReadOnlyList<double> percentiles)
    {
        plot.Title($"(c) rotation before each fall of λ₁: its percentile among the run's shifted windows\n"
                   + $"{Count(percentiles.Count)} instabilities; the check: mean ≥ {MechanismRules.MinimumMeanPercentile} and p < {MechanismRules.Alpha}");
        plot.XLabel($"percentile of the rotation in the {MechanismRules.WindowBeforeFall} steps before the fall");
        plot.YLabel("share of instabilities");
        if (percentiles.Count == 0) return;
        var counts = new double[Bins];
        foreach (double p in percentiles) counts[Math.Min(Bins - 1, (int)(p * Bins))]++;
        var bars = plot.Add.Bars(Enumerable.Range(0, Bins).Select(i => (i + 0.5) / Bins).ToArray(), counts.Select(c => c / percentiles.Count).ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.9 / Bins;
            bar.FillColor = FigureFile.Palette[4].WithAlpha(0.6);
        }
        bars.LegendText = "instabilities (all seeds)";
        plot.Add.HorizontalLine(1.0 / Bins, 1.5f, Colors.Black, LinePattern.Dashed).LegendText = "no link: every percentile equally likely";
        double mean = Statistics.Mean(percentiles);
        plot.Add.VerticalLine(mean, 2, FigureFile.Palette[3]).LegendText =
            $"mean {F(mean, 3)} (one-sided p = {G(RotationPrecedesFlatteningCheck.OneSidedP(percentiles), 2)})";
        plot.Add.VerticalLine(MechanismRules.MinimumMeanPercentile, 1.5f, Colors.Gray, LinePattern.Dotted).LegendText =
            $"check threshold: mean ≥ {MechanismRules.MinimumMeanPercentile}";
        plot.Axes.SetLimits(0, 1, 0, Math.Max(counts.Max() / percentiles.Count, 1.0 / Bins) * 1.35);
        plot.ShowLegend(Alignment.UpperLeft);
    }
}
