using System.Globalization;
using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Reports;

/// <summary>
/// How every figure, table and claim writes a number: invariant culture, and "—" for a value that does not exist
/// (NaN or infinite: not measured, or the run diverged).
/// </summary>
public static class Format
{
    public const string Missing = "—";

    /// <summary><paramref name="significant"/> significant digits (3 in legends and claims, 4 where digits matter, e.g. λ₁ near 2/η).</summary>
    public static string G(double x, int significant = 3) =>
        double.IsFinite(x) ? x.ToString("G" + significant, CultureInfo.InvariantCulture) : Missing;

    /// <summary>A fixed number of decimals.</summary>
    public static string F(double x, int decimals) =>
        double.IsFinite(x) ? x.ToString("F" + decimals, CultureInfo.InvariantCulture) : Missing;

    /// <summary>
    /// A fraction as a percentage with one decimal: 0.8126 → "81.3%"; below 0.05 % two significant digits, so that a small
    /// non-zero share is not written as zero: 0.00034 → "0.034%".
    /// </summary>
    public static string Percent(double fraction) =>
        !double.IsFinite(fraction) ? Missing
        : fraction != 0 && Math.Abs(100 * fraction) < 0.05 ? G(100 * fraction, 2) + "%"
        : F(100 * fraction, 1) + "%";

    /// <summary>A count with thousands separators: 10000 → "10,000".</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 run", "3 runs": a count and its noun in agreement (nouns with a plain -s plural).</summary>
    public static string Plural(long n, string noun) => $"{Count(n)} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>A step number as written in tables: no decimals.</summary>
    public static string Step(double step) => F(step, 0);

    /// <summary>"mean ± std" over seeds with <paramref name="decimals"/> decimals, or the single value with "(1 seed)"; "—" for none.</summary>
    public static string MeanStd(IReadOnlyList<double> xs, int decimals) =>
        xs.Count == 0 ? Missing
        : xs.Count == 1 ? $"{F(xs[0], decimals)} (1 seed)"
        : $"{F(Statistics.Mean(xs), decimals)} ± {F(Statistics.StandardDeviation(xs), decimals)}";

    /// <summary>A paired comparison as a claim line: "Δ = +1.2 ± 0.8 (paired t over 5 seeds, p = 0.04)".</summary>
    public static string Paired(PairedComparison c, int decimals, double scale = 1) =>
        c.Pairs < 2 ? $"Δ = {Signed(scale * c.MeanDifference, decimals)} (1 pair: no seed-level uncertainty)"
        : $"Δ = {Signed(scale * c.MeanDifference, decimals)} ± {F(scale * c.StdDifference, decimals)} "
          + $"(paired t over {c.Pairs} seeds, t = {F(c.T, 2)}, p = {G(c.P, 2)})";

    public static string Signed(double x, int decimals) => double.IsFinite(x) ? (x >= 0 ? "+" : "") + F(x, decimals) : Missing;
}
