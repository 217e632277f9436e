using System.Globalization;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>How far the memory model's estimates of one kind of run were from the peaks its runs recorded: measured / estimated.</summary>
/// <param name="MedianMeasuredBytes">The median recorded peak, in bytes (of the runs in the spread).</param>
/// <param name="MedianEstimatedBytes">The median estimate, in bytes (of the runs in the spread).</param>
/// <param name="Fallback">Why the estimate is a fallback rather than the model's (<see cref="MemoryEstimate.Fallback"/>), else null.</param>
/// <param name="Inherited">Runs left out of the spread: their process already held more than their estimate as they
/// began (what an earlier, bigger run of the same <c>repro run</c> process left), so their peak says little of them.</param>
public sealed record MemorySpread(string Kind, int Runs, double Lowest, double Median, double Highest,
                                  double MedianMeasuredBytes, double MedianEstimatedBytes, string? Fallback, int Inherited = 0)
{
    public bool Within(double factor) => Runs == 0 || (Lowest >= 1 / factor && Highest <= factor);
}

/// <summary>
/// <c>repro status --costs</c>'s memory table: <see cref="MemoryModel"/> against the peaks the store's manifests
/// record, per kind of run (<see cref="CostCheck.KindOf"/>); runs whose manifests record no peak are left out.
/// </summary>
public static class MemoryCheck
{
    private const double MiB = 1024.0 * 1024;

    public static IReadOnlyList<MemorySpread> Spreads(IEnumerable<FinishedRunCost> runs, MemoryModel model) =>
        runs.Where(r => r.PeakRssBytes is > 0)
            .Select(r => (Kind: CostCheck.KindOf(r.Run), Measured: (double)r.PeakRssBytes!.Value, Start: r.StartRssBytes ?? 0, Estimate: model.EstimatePeak(r.Run)))
            .GroupBy(r => (r.Kind, r.Estimate.Fallback))
            .Select(kind =>
            {
                var own = kind.Where(r => r.Start <= r.Estimate.Bytes).ToList();
                int inherited = kind.Count() - own.Count;
                if (own.Count == 0)
                    return new MemorySpread(kind.Key.Kind, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, kind.Key.Fallback, inherited);
                var ratios = own.Select(r => r.Measured / r.Estimate.Bytes).Order().ToArray();
                return new MemorySpread(kind.Key.Kind, ratios.Length, ratios[0], Median(ratios), ratios[^1],
                                        Median([.. own.Select(r => r.Measured).Order()]), Median([.. own.Select(r => r.Estimate.Bytes).Order()]),
                                        kind.Key.Fallback, inherited);
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
            string flags = (s.Within(CostCheck.Tolerance) ? "" : $"  outside {CostCheck.Tolerance}×")
                           + (s.Inherited > 0 ? $"  (+{s.Inherited} begun above their estimate: memory an earlier run of the process kept)" : "")
                           + (s.Fallback is { } why ? $"  (fallback: {why})" : "");
            string numbers = s.Runs == 0
                ? string.Create(c, $"{"-",7} {"-",7} {"-",7} {"-",7} {"-",7}")
                : string.Create(c, $"{s.MedianMeasuredBytes / MiB,7:F0} {s.MedianEstimatedBytes / MiB,7:F0} {s.Lowest,7:F2} {s.Median,7:F2} {s.Highest,7:F2}");
            yield return string.Create(c, $"{s.Kind,-44} {s.Runs,5} {numbers}{flags}");
        }
        int outside = spreads.Count(s => !s.Within(CostCheck.Tolerance));
        yield return outside == 0
            ? $"peak memory: every kind within {CostCheck.Tolerance}× of its estimate"
            : $"peak memory: {outside} of {spreads.Count} kinds outside {CostCheck.Tolerance}× of their estimates";
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
