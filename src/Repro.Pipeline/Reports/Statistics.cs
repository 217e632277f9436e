namespace Repro.Pipeline.Reports;

/// <summary>The few summary statistics the renderers share. Empty or degenerate input gives NaN, never an exception.</summary>
public static class Statistics
{
    public static double Mean(IReadOnlyList<double> xs) => xs.Count == 0 ? double.NaN : xs.Average();

    /// <summary>Sample standard deviation (n − 1); 0 for a single value.</summary>
    public static double StandardDeviation(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        if (xs.Count == 1) return 0;
        double mean = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
    }

    /// <summary>Pearson's r of paired samples; NaN with fewer than two pairs or a constant side.</summary>
    public static double Pearson(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count != ys.Count) throw new ArgumentException($"paired samples differ in length: {xs.Count} and {ys.Count}");
        if (xs.Count < 2) return double.NaN;
        double mx = xs.Average(), my = ys.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < xs.Count; i++)
        {
            double dx = xs[i] - mx, dy = ys[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman's ρ: Pearson's r of the ranks, ties given their average rank.</summary>
    public static double Spearman(IReadOnlyList<double> xs, IReadOnlyList<double> ys) => Pearson(Ranks(xs), Ranks(ys));

    /// <summary>1-based ranks, tied values sharing the mean of the ranks they span.</summary>
    public static double[] Ranks(IReadOnlyList<double> xs)
    {
        var order = Enumerable.Range(0, xs.Count).OrderBy(i => xs[i]).ToArray();
        var ranks = new double[xs.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && xs[order[end + 1]] == xs[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }
}
