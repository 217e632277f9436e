using Repro.Pipeline.Reports;

namespace Repro.Pipeline.Tests.Reports;

public class StatisticsTests
{
    // By hand: x̄ = 2.5, ȳ = 3.75, Σdxdy = 3.5, Σdx² = 5, Σdy² = 4.75, r = 3.5 / √23.75.
    [Fact]
    public void Pearson_matches_a_hand_computed_case() =>
        Assert.Equal(3.5 / Math.Sqrt(23.75), Statistics.Pearson([1, 2, 3, 4], [2, 4, 5, 4]), 12);

    // Ranks of y with the tie shared: [1, 2.5, 4, 2.5]; Σdxdy = 3, Σdx² = 5, Σdy² = 4.5, ρ = 3 / √22.5.
    [Fact]
    public void Spearman_ranks_ties_by_their_mean_rank()
    {
        Assert.Equal([1, 2.5, 4, 2.5], Statistics.Ranks([2, 4, 5, 4]));
        Assert.Equal(3 / Math.Sqrt(22.5), Statistics.Spearman([1, 2, 3, 4], [2, 4, 5, 4]), 12);
    }

    [Fact]
    public void Spearman_is_one_for_any_increasing_relation() =>
        Assert.Equal(1, Statistics.Spearman([1, 2, 3, 4, 5], [1e-6, 1e-3, 0.5, 0.9, 1]), 12);

    [Fact]
    public void Mean_and_sample_standard_deviation()
    {
        double[] xs = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5, Statistics.Mean(xs), 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), Statistics.StandardDeviation(xs), 12);
        Assert.Equal(0, Statistics.StandardDeviation([3.0]));
    }

    [Fact]
    public void Degenerate_input_gives_NaN()
    {
        Assert.True(double.IsNaN(Statistics.Pearson([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(Statistics.Pearson([1.0], [2.0])));
        Assert.True(double.IsNaN(Statistics.Mean([])));
    }
}
