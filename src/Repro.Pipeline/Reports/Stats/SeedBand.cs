using ScottPlot;

namespace Repro.Pipeline.Reports.Stats;

/// <summary>
/// Every seed of one setting in one line and a band: the median over seeds at each step and the min–max range around it,
/// so a figure shows all seeds without a tangle of lines. Steps where only some seeds were measured use those seeds.
/// </summary>
public sealed record SeedBand(double[] Steps, double[] Median, double[] Min, double[] Max, int Seeds)
{
    /// <summary>The band of <paramref name="values"/> (per run: the measured steps and values) over the runs.</summary>
    public static SeedBand Of(IReadOnlyList<(double[] Steps, double[] Values)> runs)
    {
        var atStep = new SortedDictionary<double, List<double>>();
        foreach (var (steps, values) in runs)
            for (int i = 0; i < steps.Length; i++)
                if (double.IsFinite(values[i]))
                {
                    if (!atStep.TryGetValue(steps[i], out var list)) atStep[steps[i]] = list = [];
                    list.Add(values[i]);
                }
        return new SeedBand([.. atStep.Keys], [.. atStep.Values.Select(v => Statistics.Median(v))],
                            [.. atStep.Values.Select(v => v.Min())], [.. atStep.Values.Select(v => v.Max())], runs.Count);
    }

    /// <summary>The band with each of its series replaced by a running median over <paramref name="window"/> points (1: unchanged).</summary>
    public SeedBand Smoothed(int window)
    {
        if (window <= 1 || Steps.Length == 0) return this;
        return this with { Median = RunningMedian(Median, window), Min = RunningMedian(Min, window), Max = RunningMedian(Max, window) };
    }

    /// <summary>The band with f applied to every value (log10 for a log axis); points where any becomes non-finite are dropped.</summary>
    public SeedBand Map(Func<double, double> f)
    {
        var keep = Enumerable.Range(0, Steps.Length).Where(i => double.IsFinite(f(Median[i])) && double.IsFinite(f(Min[i])) && double.IsFinite(f(Max[i]))).ToArray();
        return new SeedBand([.. keep.Select(i => Steps[i])], [.. keep.Select(i => f(Median[i]))], [.. keep.Select(i => f(Min[i]))],
                            [.. keep.Select(i => f(Max[i]))], Seeds);
    }

    /// <summary>Draws the median as a line and, when there are several seeds, the min–max range as a translucent band (the panel's title says so).</summary>
    public ScottPlot.Plottables.Scatter? Draw(Plot plot, Color color, string legend, float width = 1.5f)
    {
        if (Steps.Length == 0) return null;
        if (Seeds > 1 && Steps.Length > 1)
        {
            var band = plot.Add.FillY(Steps, Min, Max);
            band.FillColor = color.WithAlpha(0.2);
            band.LineColor = Colors.Transparent;
        }
        var line = plot.Add.ScatterLine(Steps, Median, color);
        line.LineWidth = width;
        line.LegendText = legend;
        return line;
    }

    private static double[] RunningMedian(double[] values, int window)
    {
        int half = window / 2;
        return [.. values.Select((_, i) => Statistics.Median(values[Math.Max(0, i - half)..Math.Min(values.Length, i + half + 1)]))];
    }
}
