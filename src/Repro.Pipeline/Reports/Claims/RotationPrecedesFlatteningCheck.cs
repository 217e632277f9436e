using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// Figure 2's "rotations precede rapid flattening" as an event study over every instability (<see cref="InstabilityEvents"/>)
/// of runs measured at every step: the mean top-2 subspace rotation in the <see cref="MechanismRules.WindowBeforeFall"/>
/// steps before each fall, as a percentile among the same run's windows of that length at every circular shift (the
/// control: rotation at arbitrary times of the same run). With no link, percentiles are uniform, mean 0.5.
/// </summary>
public static class RotationPrecedesFlatteningCheck
{
    public const string Statement = "Rotations of the leading curvature directions precede rapid flattening.";

    public static readonly string Check =
        $"over every instability (λ₁ above (1 + {MechanismRules.SpikeMargin})·2/η, then back to 2/η), the top-2 subspace rotation in the {MechanismRules.WindowBeforeFall} steps before the fall, as a percentile among the run's circularly shifted windows: mean percentile ≥ {MechanismRules.MinimumMeanPercentile} and above 0.5 at one-sided p < {MechanismRules.Alpha} (≥ {MechanismRules.MinimumEvents} events)";

    public static Claim Judge(string artifact, IReadOnlyList<FinishedRun> runs) => Judge(artifact, PreFallPercentiles(runs));

    /// <summary>The check on percentiles already computed (the renderer draws the same ones).</summary>
    public static Claim Judge(string artifact, (Screening Screening, IReadOnlyList<double> Percentiles, IReadOnlyList<string> PerRun) events)
    {
        var (screening, percentiles, perRun) = events;
        if (percentiles.Count < MechanismRules.MinimumEvents)
            return Claim.Inconclusive(artifact, Statement, Check, $"{percentiles.Count} instabilities (needs ≥ {MechanismRules.MinimumEvents})").On(screening);
        double mean = Statistics.Mean(percentiles);
        double p = OneSidedP(percentiles);
        string measured = $"{percentiles.Count} instabilities ({string.Join(", ", perRun)}); mean percentile of the pre-fall rotation {F(mean, 3)} "
                          + $"(median {F(Statistics.Median(percentiles), 3)}), z = {F(Z(percentiles), 2)}, one-sided p = {G(p, 2)} " + Screening.SeedNote(screening.Seeds);
        return Claim.Judge(artifact, Statement, Check, measured, mean >= MechanismRules.MinimumMeanPercentile && p < MechanismRules.Alpha).On(screening);
    }

    // Under no link each percentile is uniform on (0, 1): variance 1/12, so the mean of n is ≈ normal (n ≥ 10).
    private static double Z(IReadOnlyList<double> percentiles) => (Statistics.Mean(percentiles) - 0.5) * Math.Sqrt(12.0 * percentiles.Count);

    public static double OneSidedP(IReadOnlyList<double> percentiles) => 1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, Z(percentiles));

    /// <summary>The runs judged, and for every instability of theirs the percentile of its pre-fall rotation (what the figure draws too).</summary>
    public static (Screening Screening, IReadOnlyList<double> Percentiles, IReadOnlyList<string> PerRun) PreFallPercentiles(IReadOnlyList<FinishedRun> runs)
    {
        var everyStep = new RunRequirement("curvature at every step (subspace rotation measured on ≥ 90% of steps)", r =>
        {
            var rows = Series.Rows(r, MetricColumns.SubspaceRotation);
            double share = rows.Count(double.IsFinite) / (double)Math.Max(1, rows.Length);
            return share >= 0.9 ? null : $"subspace rotation on {Percent(share)} of steps";
        });
        var screening = Screening.Of(runs.OrderBy(r => r.Seed), [RunRequirement.NotDiverged, everyStep], $"≥ {MechanismRules.MinimumEvents} instabilities");
        var percentiles = new List<double>();
        var perRun = new List<string>();
        foreach (var run in screening.Qualifying)
        {
            var rotation = Series.Rows(run, MetricColumns.SubspaceRotation);
            var found = InstabilityEvents.Of(run).Where(e => e.FallIndex >= MechanismRules.WindowBeforeFall).ToList();
            foreach (var e in found)
                if (Percentile(rotation, e.FallIndex - MechanismRules.WindowBeforeFall) is var percentile && double.IsFinite(percentile)) percentiles.Add(percentile);
            perRun.Add($"seed {run.Seed}: {found.Count}");
        }
        return (screening, percentiles, perRun);
    }

    /// <summary>
    /// The fraction of circular shifts of the window starting at <paramref name="start"/> whose mean rotation is below the
    /// window's own (ties count half), over the run's measured rows; the window itself is left out.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> rotation, int start)
    {
        var measured = Enumerable.Range(0, rotation.Count).Where(i => double.IsFinite(rotation[i])).ToArray();
        double WindowMean(int first) => Enumerable.Range(first, MechanismRules.WindowBeforeFall)
            .Select(k => rotation[measured[k % measured.Length]]).Average();
        int at = Array.FindIndex(measured, i => i >= start);
        if (at < 0 || measured.Length <= MechanismRules.WindowBeforeFall) return double.NaN;
        double observed = WindowMean(at);
        double below = 0;
        for (int shift = 1; shift < measured.Length; shift++)
        {
            double other = WindowMean((at + shift) % measured.Length);
            below += other < observed ? 1 : other == observed ? 0.5 : 0;
        }
        return below / (measured.Length - 1);
    }
}
