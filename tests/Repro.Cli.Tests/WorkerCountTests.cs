using Repro.Cli.Workers;

namespace Repro.Cli.Tests;

/// <summary><c>--workers auto</c> on a given machine: cores over threads, and memory over the batch's largest estimated peak with its margin.</summary>
public class WorkerCountTests
{
    private const double GiB = 1024.0 * 1024 * 1024;

    private static Func<string, string?> Environment(string? memoryGb = null, string? workers = null) => name => name switch
    {
        WorkerCount.MemoryVariable => memoryGb,
        WorkerCount.WorkersVariable => workers,
        _ => null,
    };

    [Theory]
    // 16 cores, 2 threads a run: 8 by cores. 24 GiB over 1 GiB × 1.5: 16 by memory → 8.
    [InlineData(16, 24, 1.0, 8)]
    // 4 GiB × 1.5 = 6 GiB a worker: 24 GiB holds 4.
    [InlineData(16, 24, 4.0, 4)]
    // A run estimated bigger than the machine still gets one worker.
    [InlineData(16, 24, 30.0, 1)]
    // 2 cores, 2 threads: one worker however small the runs.
    [InlineData(2, 24, 0.5, 1)]
    public void AutoFitsTheBatchsLargestEstimatedPeakWithItsMargin(int cores, double memoryGib, double peakGib, int expected)
    {
        Assert.Equal(expected, WorkerCount.Resolve("auto", 2, Environment(), peakGib * GiB, cores, memoryGib * GiB));
        Assert.Equal(expected, WorkerCount.Resolve(null, 2, Environment(), peakGib * GiB, cores, memoryGib * GiB));
    }

    [Fact]
    public void AKeptHeapWidensTheMargin()
    {
        // 2 GiB × 1.5 = 3 GiB: 8 workers in 24 GiB; under REPRO_KEEP_HEAP=1, 2 GiB × 2.5 = 5 GiB: 4.
        Assert.Equal(8, WorkerCount.Resolve("auto", 2, Environment(), 2 * GiB, 32, 24 * GiB));
        Assert.Equal(4, WorkerCount.Resolve("auto", 2, name => name == Repro.Core.KeptHeap.Variable ? "1" : null, 2 * GiB, 32, 24 * GiB));
    }

    [Fact]
    public void WithoutAnEstimateAWorkerIsSevenGib()
    {
        // 24 GiB / 7 GiB = 3 (the cores would allow 8).
        Assert.Equal(3, WorkerCount.Resolve("auto", 2, Environment(), null, 16, 24 * GiB));
    }

    [Fact]
    public void TheMemoryVariableOverridesTheEstimateAndACountIsACount()
    {
        // REPRO_WORKER_MEMORY_GB=12: 2 workers in 24 GiB, whatever the runs are estimated at.
        Assert.Equal(2, WorkerCount.Resolve("auto", 2, Environment(memoryGb: "12"), 0.5 * GiB, 16, 24 * GiB));
        Assert.Equal(5, WorkerCount.Resolve("5", 2, Environment(), 30 * GiB, 2, 1 * GiB));
        Assert.Equal(6, WorkerCount.Resolve(null, 2, Environment(workers: "6"), 30 * GiB, 2, 1 * GiB));
        var error = Assert.Throws<ArgumentException>(() => WorkerCount.Resolve("auto", 2, Environment(memoryGb: "-1"), GiB, 16, 24 * GiB));
        Assert.StartsWith(WorkerCount.MemoryVariable, error.Message);
    }
}
