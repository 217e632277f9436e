using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using Descriptive = MathNet.Numerics.Statistics.Statistics;

namespace Repro.Pipeline.Reports.Stats;

/// <summary>
/// The summary statistics the reports use, from MathNet.Numerics. Empty or degenerate input gives NaN, never an
/// exception; a single value has standard deviation 0 (one seed: no spread to report, not an unknown one).
/// </summary>
public static class Statistics
{
    public static double Mean(IReadOnlyList<double> xs) => xs.Count == 0 ? double.NaN : Descriptive.Mean(xs);

    /// <summary>Sample standard deviation (n − 1); 0 for a single value.</summary>
    public static double StandardDeviation(IReadOnlyList<double> xs) =>
        xs.Count switch { 0 => double.NaN, 1 => 0, _ => Descriptive.StandardDeviation(xs) };

    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> xs) => (Mean(xs), StandardDeviation(xs));

    public static double Median(IReadOnlyList<double> xs) => xs.Count == 0 ? double.NaN : Descriptive.Median(xs);

    /// <summary>Pearson's r of paired samples; NaN with fewer than two pairs or a constant side.</summary>
    public static double Pearson(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count != ys.Count) throw new ArgumentException($"paired samples differ in length: {xs.Count} and {ys.Count}");
        if (xs.Count < 2 || IsConstant(xs) || IsConstant(ys)) return double.NaN;
        return Correlation.Pearson(xs, ys);
    }

    /// <summary>Spearman's ρ: Pearson's r of the ranks, ties given their average rank.</summary>
    public static double Spearman(IReadOnlyList<double> xs, IReadOnlyList<double> ys) => Pearson(Ranks(xs), Ranks(ys));

    /// <summary>1-based ranks, tied values sharing the mean of the ranks they span.</summary>
    public static double[] Ranks(IReadOnlyList<double> xs) => Descriptive.Ranks(xs, RankDefinition.Average);

    /// <summary>
    /// The standard error of an accuracy <paramref name="p"/> measured on <paramref name="n"/> test images, √(p(1 − p)/n):
    /// how far the same network could score on another test set of that size.
    /// </summary>
    public static double BinomialStandardError(double p, int n) =>
        n > 0 && p is >= 0 and <= 1 ? Math.Sqrt(p * (1 - p) / n) : double.NaN;

    /// <summary>Paired t-test of <paramref name="b"/> − <paramref name="a"/> over matched seeds (two-sided).</summary>
    public static PairedComparison Paired(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired samples differ in length: {a.Count} and {b.Count}");
        var differences = a.Zip(b, (x, y) => y - x).ToArray();
        int n = differences.Length;
        double mean = Mean(differences), std = StandardDeviation(differences);
        if (n < 2) return new PairedComparison(n, mean, double.NaN, double.NaN, double.NaN);
        if (std == 0) return new PairedComparison(n, mean, 0, mean == 0 ? 0 : Math.Sign(mean) * double.PositiveInfinity, mean == 0 ? 1 : 0);
        double t = mean / (std / Math.Sqrt(n));
        double p = 2 * StudentT.CDF(0, 1, n - 1, -Math.Abs(t));
        return new PairedComparison(n, mean, std, t, p);
    }

    private static bool IsConstant(IReadOnlyList<double> xs) => xs.All(x => x == xs[0]);
}
