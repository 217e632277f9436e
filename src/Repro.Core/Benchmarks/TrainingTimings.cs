using System.Diagnostics;
using System.Globalization;
using Repro.Core.Curvature;
using Repro.Core.Models;
using Repro.Core.Training;
using TorchSharp;

namespace Repro.Core.Benchmarks;

/// <summary>
/// What `repro bench train` measures, in this process: ms per step of the trainer's own loop, ms per Hessian-vector
/// product, and ms per step of the oscillation tracking, each with the minor page faults per repetition where Linux
/// tells them (the kernel's share of a CNN step is mostly these) and the CPU time per repetition.
/// </summary>
public static class TrainingTimings
{
    /// <summary>ms per step of the trainer's own loop (forward, loss, accuracy, backward, update) after one warm-up step.</summary>
    public static (double Milliseconds, long? Faults, double CpuMilliseconds) Step(TrainingSpec spec, TrainingData data, int steps, MemoryLayout layout)
    {
        using (var warmup = new Trainer(TrainingSetup.From(spec with { Steps = 1 }, data, layout)))
            warmup.Run();
        using var trainer = new Trainer(TrainingSetup.From(spec with { Steps = steps }, data, layout));
        var timing = Timing.Start();
        trainer.Run();
        return timing.PerRepetition(steps);
    }

    /// <summary>ms per step of what the trainer adds for the oscillation columns: a flat copy of θ and three reductions.</summary>
    public static double OscillationMilliseconds(TrainingSpec spec, TrainingData data, int steps)
    {
        using var setup = TrainingSetup.From(spec, data);
        using var tracker = new OscillationTracker();
        using var v1 = torch.randn(ParameterVector.Dimension(setup.Model), generator: new torch.Generator(0));
        using (var theta = ParameterVector.Flatten(setup.Model))
            tracker.Start(theta);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            using var theta = ParameterVector.Flatten(setup.Model);
            tracker.Advance(theta, v1);
        }
        return clock.Elapsed.TotalMilliseconds / steps;
    }

    /// <summary>
    /// ms per Hessian-vector product over the whole training subset (batch norm in eval mode), after one warm-up product,
    /// in chunks of <paramref name="chunk"/> examples (0: the net's own, as its curvature measurements take them).
    /// </summary>
    public static (double Milliseconds, long? Faults, double CpuMilliseconds) Hvp(TrainingSpec spec, TrainingData data, int products, MemoryLayout layout, int chunk)
    {
        using var setup = TrainingSetup.From(spec, data, layout);
        var hessianSet = chunk > 0 ? HessianSet.Chunks(setup.Train.Inputs, setup.TrainTargets, spec.HessianSize, chunk) : setup.HessianSet;
        var product = new HessianVectorProduct(setup.Model, setup.Loss, hessianSet);
        using var v = torch.randn(product.Dimension, generator: new torch.Generator(0));
        using (product.Apply(v)) { }
        var timing = Timing.Start();
        for (var i = 0; i < products; i++)
            using (product.Apply(v)) { }
        return timing.PerRepetition(products);
    }

    /// <summary>Minor page faults of this process so far (Linux's /proc/self/stat, field 10), or null elsewhere.</summary>
    private static long? MinorPageFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, minflt field 10.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(rest[7], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// Wall time, minor page faults and CPU time (user + system, all threads: what a busy machine does not inflate, so the
    /// figure to compare there) of a timed loop.
    /// </summary>
    private sealed record Timing(Stopwatch Clock, long? FaultsAtStart, TimeSpan CpuAtStart)
    {
        public static Timing Start() => new(Stopwatch.StartNew(), MinorPageFaults(), Environment.CpuUsage.TotalTime);

        public (double Milliseconds, long? Faults, double CpuMilliseconds) PerRepetition(int repetitions)
        {
            var milliseconds = Clock.Elapsed.TotalMilliseconds / repetitions;
            var faults = MinorPageFaults() is { } now && FaultsAtStart is { } start ? (now - start) / repetitions : (long?)null;
            return (milliseconds, faults, (Environment.CpuUsage.TotalTime - CpuAtStart).TotalMilliseconds / repetitions);
        }
    }
}
