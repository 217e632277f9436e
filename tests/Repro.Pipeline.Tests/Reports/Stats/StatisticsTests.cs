using Repro.Pipeline.Reports.Stats;


namespace Repro.Pipeline.Tests.Reports.Stats;

public class StatisticsTests
{
    // By hand: x̄ = 2.5, ȳ = 3.75, Σdxdy = 3.5, Σdx² = 5, Σdy² = 4.75, r = 3.5 / √23.75.
    [Fact]
    public void PearsonMatchesAHandComputedCase() =>
        Assert.Equal(3.5 / Math.Sqrt(23.75), Statistics.Pearson([1, 2, 3, 4], [2, 4, 5, 4]), 12);

    // Ranks of y with the tie shared: [1, 2.5, 4, 2.5]; Σdxdy = 3, Σdx² = 5, Σdy² = 4.5, ρ = 3 / √22.5.
    [Fact]
    public void SpearmanRanksTiesByTheirMeanRank()
    {
        Assert.Equal([1, 2.5, 4, 2.5], Statistics.Ranks([2, 4, 5, 4]));
        Assert.Equal(3 / Math.Sqrt(22.5), Statistics.Spearman([1, 2, 3, 4], [2, 4, 5, 4]), 12);
    }

    [Fact]
    public void SpearmanIsOneForAnyIncreasingRelation() =>
        Assert.Equal(1, Statistics.Spearman([1, 2, 3, 4, 5], [1e-6, 1e-3, 0.5, 0.9, 1]), 12);

    [Fact]
    public void MeanAndSampleStandardDeviation()
    {
        double[] xs = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5, Statistics.Mean(xs), 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), Statistics.StandardDeviation(xs), 12);
        Assert.Equal(0, Statistics.StandardDeviation([3.0]));
    }

    [Fact]
    public void DegenerateInputGivesNaN()
    {
        Assert.True(double.IsNaN(Statistics.Pearson([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(Statistics.Pearson([1.0], [2.0])));
        Assert.True(double.IsNaN(Statistics.Mean([])));
    }

    // √(p(1 − p)/n): 0.8 on 200 images → √(0.16/200) = 0.02828…
    [Fact]
    public void BinomialStandardErrorIsTheClosedForm()
    {
        Assert.Equal(Math.Sqrt(0.16 / 200), Statistics.BinomialStandardError(0.8, 200), 12);
        Assert.Equal(0, Statistics.BinomialStandardError(1.0, 200), 12);
        Assert.True(double.IsNaN(Statistics.BinomialStandardError(0.5, 0)));
    }

    // Differences [1, 2, 2]: mean 5/3, sd √(1/3), t = (5/3)/(√(1/3)/√3) = 5. With 2 degrees of freedom Student's CDF is
    // 1/2 + t/(2√(t² + 2)), so the two-sided p = 1 − 5/√27.
    [Fact]
    public void PairedTTestMatchesTheClosedFormForTwoDegreesOfFreedom()
    {
        var c = Statistics.Paired([1, 2, 3], [2, 4, 5]);
        Assert.Equal(3, c.Pairs);
        Assert.Equal(5.0 / 3, c.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(1.0 / 3), c.StdDifference, 12);
        Assert.Equal(5, c.T, 9);
        Assert.Equal(1 - 5 / Math.Sqrt(27), c.P, 9);
    }

    [Fact]
    public void PairedTTestOfOnePairHasNoSpread()
    {
        var c = Statistics.Paired([1.0], [3.0]);
        Assert.Equal(2, c.MeanDifference);
        Assert.True(double.IsNaN(c.P));
    }

    [Fact]
    public void MedianOfEvenAndOddCounts()
    {
        Assert.Equal(2.5, Statistics.Median([4, 1, 3, 2]), 12);
        Assert.Equal(3, Statistics.Median([5, 1, 3]), 12);
        Assert.True(double.IsNaN(Statistics.Median([])));
    }
}
