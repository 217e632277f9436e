using System.Diagnostics;
using System.Globalization;
using Repro.Core.Curvature;
using Repro.Core.Training;

namespace Repro.Core.Benchmarks;

/// <summary>
/// What curvature tracking costs a real training run: the same run timed without and with a <see cref="CurvatureHook"/>
/// every <c>every</c> steps, alternating untracked, tracked, untracked, tracked in one sitting so that the ratio, not
/// the absolute times, carries the result on a shared machine. Test accuracy and ‖θ − θ₀‖ run on the same schedule
/// in both, so the only difference is the curvature.
/// </summary>
public static class TrackingCost
{
    public static TrackingCostResult Measure(TrainingSpec spec, TrainingData data, int every, int pairs = 2, CurvatureMeasures measures = CurvatureMeasures.All)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        spec = spec with { CurvatureEvery = 0, EvaluateEvery = every, StopAtTrainAccuracy = 2 };
        using (var warmup = new Trainer(spec with { Steps = 2 }, data, [new CurvatureHook(1)]))
            warmup.Run();

        (double Wall, double Cpu) untracked = (0, 0), tracked = (0, 0);
        IReadOnlyList<int> counts = [];
        for (var i = 0; i < pairs; i++)
        {
            untracked = Add(untracked, Time(spec, data, null));
            using var hook = new CurvatureHook(every, measures: measures);
            tracked = Add(tracked, Time(spec, data, hook));
            counts = [.. hook.HvpCounts];
        }
        return new TrackingCostResult(spec.Steps, every, untracked.Wall / pairs, tracked.Wall / pairs,
                                      untracked.Cpu / pairs, tracked.Cpu / pairs, counts)
        { Measures = measures };
    }

    private static (double Wall, double Cpu) Add((double Wall, double Cpu) a, (double Wall, double Cpu) b) => (a.Wall + b.Wall, a.Cpu + b.Cpu);

    // Wall time, and this process's CPU time, which a machine shared with other jobs inflates less.
    private static (double Wall, double Cpu) Time(TrainingSpec spec, TrainingData data, CurvatureHook? hook)
    {
        using var trainer = new Trainer(spec, data, hook is null ? null : [hook]);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        trainer.Run();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }
}

/// <param name="HvpCounts">Hessian-vector products of each measurement of one tracked run, in order.</param>
public sealed record TrackingCostResult(
    int Steps, int Every, double UntrackedSeconds, double TrackedSeconds, double UntrackedCpuSeconds, double TrackedCpuSeconds,
    IReadOnlyList<int> HvpCounts)
{
    /// <summary>What each measurement of the tracked run computed.</summary>
    public CurvatureMeasures Measures { get; init; } = CurvatureMeasures.All;

    public double Ratio => TrackedSeconds / UntrackedSeconds;

    public double CpuRatio => TrackedCpuSeconds / UntrackedCpuSeconds;

    public double MedianHvps => Median(HvpCounts);

    public static double Median(IReadOnlyList<int> counts)
    {
        var sorted = counts.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Format(c, "tracked run                 {0} steps, {1} every {2} ({3} measurements)", Steps, Measures, Every, HvpCounts.Count);
        yield return string.Format(c, "HVPs per measurement        median {0:F1}, max {1}, first (cold) {2}", MedianHvps, HvpCounts.Max(), HvpCounts[0]);
        yield return string.Format(c, "wall time                   untracked {0:F2} s, tracked {1:F2} s (mean of alternating runs)", UntrackedSeconds, TrackedSeconds);
        yield return string.Format(c, "CPU time                    untracked {0:F2} s, tracked {1:F2} s", UntrackedCpuSeconds, TrackedCpuSeconds);
        yield return string.Format(c, "tracked / untracked         {0:F2} wall, {1:F2} CPU", Ratio, CpuRatio);
    }
}
