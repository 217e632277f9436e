namespace Repro.Pipeline.Reports.Stats;

/// <summary>
/// Two-way analysis of variance with replication on a balanced grid: <c>cells[a][b]</c> holds the same number n ≥ 2 of
/// replicates for every level a of the first factor and b of the second. Sums of squares of the two main effects, their
/// interaction and the error; F and p for each main effect against the error.
/// </summary>
public sealed record TwoWayAnova(double FirstSumOfSquares, double SecondSumOfSquares, double InteractionSumOfSquares, double ErrorSumOfSquares,
                                 double FirstF, double FirstP, double SecondF, double SecondP)
{
    public static TwoWayAnova Of(IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> cells)
    {
        int a = cells.Count, b = cells[0].Count, n = cells[0][0].Count;
        if (a < 2 || b < 2 || n < 2 || cells.Any(row => row.Count != b || row.Any(c => c.Count != n)))
            throw new ArgumentException("a balanced grid of at least 2 × 2 cells with the same number (≥ 2) of replicates each");
        double grand = cells.SelectMany(r => r).SelectMany(c => c).Average();
        var rowMeans = cells.Select(r => r.SelectMany(c => c).Average()).ToArray();
        var columnMeans = Enumerable.Range(0, b).Select(j => cells.SelectMany(r => r[j]).Average()).ToArray();
        double first = b * n * rowMeans.Sum(m => (m - grand) * (m - grand));
        double second = a * n * columnMeans.Sum(m => (m - grand) * (m - grand));
        double cellsSum = 0, error = 0;
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++)
            {
                double mean = cells[i][j].Average();
                cellsSum += n * (mean - grand) * (mean - grand);
                error += cells[i][j].Sum(x => (x - mean) * (x - mean));
            }
        double interaction = cellsSum - first - second;
        int errorDf = a * b * (n - 1);
        double meanError = error / errorDf;
        double firstF = first / (a - 1) / meanError, secondF = second / (b - 1) / meanError;
        return new TwoWayAnova(first, second, interaction, error,
            firstF, 1 - MathNet.Numerics.Distributions.FisherSnedecor.CDF(a - 1, errorDf, firstF),
            secondF, 1 - MathNet.Numerics.Distributions.FisherSnedecor.CDF(b - 1, errorDf, secondF));
    }
}
