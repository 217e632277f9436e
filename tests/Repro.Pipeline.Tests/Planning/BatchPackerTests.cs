using Repro.Pipeline.Planning.Costs;

namespace Repro.Pipeline.Tests.Planning;

public class BatchPackerTests
{
    private static IReadOnlyList<(string, double)> Runs(params double[] seconds) => seconds.Select((s, i) => ($"k{i}", s)).ToList();

    [Fact]
    public void FirstFitDecreasingFillsEachJobUpToTheBudgetLongestFirst()
    {
        // Sorted: 7 (k1), 5 (k3), 4 (k0), 3 (k4), 2 (k2), 1 (k5). Budget 10: [7, 3], [5, 4, 1], [2].
        var batches = BatchPacker.Pack(Runs(4, 7, 2, 5, 3, 1), maxJobs: 10, budgetSeconds: 10);
        Assert.Equal([["k1", "k4"], ["k3", "k0", "k5"], ["k2"]], batches);
    }

    [Fact]
    public void ARunLongerThanTheBudgetGetsABatchOfItsOwn()
    {
        var batches = BatchPacker.Pack(Runs(1, 50, 2), maxJobs: 10, budgetSeconds: 10);
        Assert.Equal([["k1"], ["k2", "k0"]], batches);
    }

    [Fact]
    public void WhenEveryJobIsOpenAndNothingFitsTheLeastLoadedJobTakesTheRun()
    {
        var batches = BatchPacker.Pack(Runs(9, 8, 7), maxJobs: 2, budgetSeconds: 10);
        Assert.Equal([["k0"], ["k1", "k2"]], batches);
    }

    [Fact]
    public void WithoutABudgetLongestFirstGoesToTheLeastLoadedOfMaxJobs()
    {
        // 8 -> A; 6 -> B; 5 -> B (6 < 8); 4 -> A (8 < 11); 1 -> A (12 = 11? no: 11 < 12, so B).
        var batches = BatchPacker.Pack(Runs(4, 8, 1, 6, 5), maxJobs: 2, budgetSeconds: null);
        Assert.Equal([["k1", "k0"], ["k3", "k4", "k2"]], batches);
        Assert.Empty(BatchPacker.Pack(Runs(), maxJobs: 3, budgetSeconds: null));
        Assert.Throws<ArgumentException>(() => BatchPacker.Pack(Runs(1), maxJobs: 0, budgetSeconds: null));
    }
}
