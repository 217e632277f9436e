using System.Globalization;
using Repro.Pipeline.Frames;

namespace Repro.Pipeline.Reports;

/// <summary>What the summary figures read off a run: the last measured value of a metric, and number formatting.</summary>
public static class FinalValues
{
    /// <summary>The last finite value of <paramref name="column"/>, NaN when the run diverged or never measured it.</summary>
    public static double Last(RunResult run, string column)
    {
        if (run.Outcome.Diverged) return double.NaN;
        var values = MetricsCsv.Doubles(run.Metrics, column);
        for (int i = values.Length - 1; i >= 0; i--)
            if (double.IsFinite(values[i])) return values[i];
        return double.NaN;
    }

    public static string G(double x) => double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : "—";

    public static string F(double x, int digits) => double.IsFinite(x) ? x.ToString("F" + digits, CultureInfo.InvariantCulture) : "—";

    /// <summary>"mean ± std" over seeds, or the single value with "(1 seed)".</summary>
    public static string MeanStd(IReadOnlyList<double> xs, int digits) =>
        xs.Count == 0 ? "—"
        : xs.Count == 1 ? $"{F(xs[0], digits)} (1 seed)"
        : $"{F(Statistics.Mean(xs), digits)} ± {F(Statistics.StandardDeviation(xs), digits)}";
}
