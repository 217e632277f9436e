using System.Globalization;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>How far the memory model's estimates of one kind of run were from the peaks its runs recorded: measured / estimated.</summary>
/// <param name="MedianMeasuredBytes">The median recorded peak, in bytes.</param>
/// <param name="MedianEstimatedBytes">The median estimate, in bytes.</param>
/// <param name="Fallback">Why the estimate is a fallback rather than the model's (<see cref="MemoryEstimate.Fallback"/>), else null.</param>
public sealed record MemorySpread(string Kind, int Runs, double Lowest, double Median, double Highest,
                                  double MedianMeasuredBytes, double MedianEstimatedBytes, string? Fallback);

/// <summary>
/// <c>repro status --costs</c>'s memory table: <see cref="MemoryModel"/> against the peaks the store's manifests
/// record, per kind of run (<see cref="CostCheck.KindOf"/>); runs whose manifests record no peak are left out.
/// </summary>
public static class MemoryCheck
{
    private const double MiB = 1024.0 * 1024;

    public static IReadOnlyList<MemorySpread> Spreads(IEnumerable<FinishedRunCost> runs, MemoryModel model) =>
        runs.Where(r => r.PeakRssBytes is > 0)
            .Select(r => (Kind: CostCheck.KindOf(r.Run), Measured: (double)r.PeakRssBytes!.Value, Estimate: model.EstimatePeak(r.Run)))
            .GroupBy(r => (r.Kind, r.Estimate.Fallback))
            .Select(kind =>
            {
                var ratios = kind.Select(r => r.Measured / r.Estimate.Bytes).Order().ToArray();
                return new MemorySpread(kind.Key.Kind, ratios.Length, ratios[0], Median(ratios), ratios[^1],
                                        Median([.. kind.Select(r => r.Measured).Order()]), Median([.. kind.Select(r => r.Estimate.Bytes).Order()]),
                                        kind.Key.Fallback);
            })
            .OrderBy(s => s.Kind, StringComparer.Ordinal)
            .ToList();

    /// <summary>The table, and a last line saying whether every kind is within <see cref="CostCheck.Tolerance"/> of its estimate.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<MemorySpread> spreads)
    {
        var c = CultureInfo.InvariantCulture;
        if (spreads.Count == 0)
        {
            yield return "peak memory: no manifest records one (trained before it was recorded, or not on Linux)";
            yield break;
        }
        yield return string.Create(c, $"{"kind of run",-44} {"runs",5} {"MiB",7} {"est.",7} {"lowest",7} {"median",7} {"highest",7}  peak memory, measured / estimated");
        foreach (var s in spreads)
        {
            string flags = (s.Lowest < 1 / CostCheck.Tolerance || s.Highest > CostCheck.Tolerance ? $"  outside {CostCheck.Tolerance}×" : "")
                           + (s.Fallback is { } why ? $"  (fallback: {why})" : "");
            yield return string.Create(c, $"{s.Kind,-44} {s.Runs,5} {s.MedianMeasuredBytes / MiB,7:F0} {s.MedianEstimatedBytes / MiB,7:F0} {s.Lowest,7:F2} {s.Median,7:F2} {s.Highest,7:F2}{flags}");
        }
        int outside = spreads.Count(s => s.Lowest < 1 / CostCheck.Tolerance || s.Highest > CostCheck.Tolerance);
        yield return outside == 0
            ? $"peak memory: every kind within {CostCheck.Tolerance}× of its estimate"
            : $"peak memory: {outside} of {spreads.Count} kinds outside {CostCheck.Tolerance}× of their estimates";
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
