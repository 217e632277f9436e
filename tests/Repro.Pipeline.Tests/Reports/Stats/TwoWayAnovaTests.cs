using Repro.Pipeline.Reports.Stats;


namespace Repro.Pipeline.Tests.Reports.Stats;

public class TwoWayAnovaTests
{
    /// <summary>A 2 × 2 grid with 2 replicates, sums of squares worked by hand.</summary>
    [Fact]
    public void SumsOfSquaresMatchAHandComputation()
    {
        // Cells: (a1,b1) = {1, 3}, (a1,b2) = {5, 7}, (a2,b1) = {2, 4}, (a2,b2) = {10, 12}. Grand mean 5.5.
        // Row means 4, 7: SS_A = 4·(2.25 + 2.25) = 18. Column means 2.5, 8.5: SS_B = 4·(9 + 9) = 72.
        // Cell means 2, 6, 3, 11: SS_cells = 2·(12.25 + 0.25 + 6.25 + 30.25) = 98, so SS_AB = 8; SS_E = 8·1 = 8.
        var anova = TwoWayAnova.Of([[[1, 3], [5, 7]], [[2, 4], [10, 12]]]);
        Assert.Equal(18, anova.FirstSumOfSquares, 9);
        Assert.Equal(72, anova.SecondSumOfSquares, 9);
        Assert.Equal(8, anova.InteractionSumOfSquares, 9);
        Assert.Equal(8, anova.ErrorSumOfSquares, 9);
        Assert.Equal(9, anova.FirstF, 9);   // (18 / 1) / (8 / 4)
        Assert.Equal(36, anova.SecondF, 9);
        Assert.InRange(anova.FirstP, 0.039, 0.041);   // F(1, 4) = 9: p ≈ 0.0400
    }

    [Fact]
    public void AnUnbalancedGridIsRefused() =>
        Assert.Throws<ArgumentException>(() => TwoWayAnova.Of([[[1, 3], [5]], [[2, 4], [10, 12]]]));
}
