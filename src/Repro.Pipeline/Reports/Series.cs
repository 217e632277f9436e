using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Reports;

/// <summary>What a summary takes from a run that diverged: nothing (NaN), or its last finite measurement before the blow-up.</summary>
public enum IfDiverged { NaN, LastFinite }

/// <summary>
/// Reads a run's measured series. A column an older run does not have (a metric added later) reads as empty, never
/// as an error, so renderers tolerate runs made before the metric existed.
/// </summary>
public static class Series
{
    public static bool Has(FinishedRun run, string column) =>
        run.Metrics.Columns.Any(c => c.Name == column) && MetricsCsv.Doubles(run.Metrics, column).Any(double.IsFinite);

    /// <summary>Every row's value of <paramref name="column"/> (NaN where not measured); all NaN if the run lacks the column.</summary>
    public static double[] Rows(FinishedRun run, string column) =>
        run.Metrics.Columns.Any(c => c.Name == column)
            ? MetricsCsv.Doubles(run.Metrics, column)
            : Enumerable.Repeat(double.NaN, (int)run.Metrics.Rows.Count).ToArray();

    public static double[] Steps(FinishedRun run) => MetricsCsv.Doubles(run.Metrics, MetricColumns.Step);

    /// <summary>The steps where <paramref name="column"/> was measured (finite), and its values there.</summary>
    public static (double[] Steps, double[] Values) Measured(FinishedRun run, string column)
    {
        var values = Rows(run, column);
        var steps = Steps(run);
        var kept = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).ToArray();
        return (kept.Select(i => steps[i]).ToArray(), kept.Select(i => values[i]).ToArray());
    }

    /// <summary>The last finite measurement of <paramref name="column"/>; for a diverged run what <paramref name="ifDiverged"/> says.</summary>
    public static double Final(FinishedRun run, string column, IfDiverged ifDiverged) =>
        run.Outcome.Diverged && ifDiverged == IfDiverged.NaN ? double.NaN
        : Measured(run, column).Values is [.., var last] ? last : double.NaN;

    /// <summary>The first finite measurement of <paramref name="column"/> (λ₁(θ₀) for sharpness), NaN if there is none.</summary>
    public static double First(FinishedRun run, string column) => Measured(run, column).Values is [var first, ..] ? first : double.NaN;

    /// <summary>The first measured step where λ₁ ≥ 2/η: the boundary between the stable and the unstable phase; null if never.</summary>
    public static double? EdgeReachedAt(FinishedRun run)
    {
        var (steps, sharpness) = Measured(run, MetricColumns.Sharpness);
        double edge = 2 / run.Lr;
        int i = Array.FindIndex(sharpness, s => s >= edge);
        return i >= 0 ? steps[i] : null;
    }

    /// <summary>The median of <paramref name="column"/> over the measurements at or after <paramref name="fromStep"/>.</summary>
    public static double MedianFrom(FinishedRun run, string column, double fromStep)
    {
        var (steps, values) = Measured(run, column);
        return Statistics.Median([.. values.Where((_, i) => steps[i] >= fromStep)]);
    }

    /// <summary>The run groups in declaration order, each with its runs.</summary>
    public static IReadOnlyList<IGrouping<string, FinishedRun>> ByGroup(IReadOnlyList<FinishedRun> runs) =>
        runs.GroupBy(r => r.Run.Group).ToList();   // GroupBy keeps the order of first appearance
}
