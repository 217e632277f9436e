using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Reports;

/// <summary>Matches two settings' runs seed by seed, for a paired comparison: same seed, same initialisation and data order.</summary>
public static class SeedPairing
{
    /// <summary>The paired t-test of <paramref name="value"/> from <paramref name="a"/> to <paramref name="b"/> over the seeds both have (finite values only).</summary>
    public static PairedComparison Compare(IEnumerable<FinishedRun> a, IEnumerable<FinishedRun> b, Func<FinishedRun, double> value)
    {
        var first = a.Where(r => double.IsFinite(value(r))).GroupBy(r => r.Seed).ToDictionary(g => g.Key, g => value(g.First()));
        var pairs = b.Where(r => double.IsFinite(value(r))).GroupBy(r => r.Seed).Where(g => first.ContainsKey(g.Key))
                     .OrderBy(g => g.Key).Select(g => (A: first[g.Key], B: value(g.First()))).ToList();
        return Statistics.Paired([.. pairs.Select(p => p.A)], [.. pairs.Select(p => p.B)]);
    }
}
