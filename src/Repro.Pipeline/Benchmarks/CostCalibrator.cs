using System.Diagnostics;
using System.Globalization;
using Repro.Core;
using Repro.Core.Data;
using Repro.Core.DiagonalNetwork;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using Repro.Pipeline.Planning.Costs;

namespace Repro.Pipeline.Benchmarks;

/// <summary>
/// Measures a <see cref="CostCalibration"/> on this machine in a few minutes, timing runs the way the store trains them
/// (so the figures include everything a real run does per step: metrics streamed to a file, checkpoints): for each model at its default setup, steps at two batch
/// sizes (a straight line through them gives the cost per step and per example), and on the MLP the same steps with curvature every few
/// steps, with and without Hutchinson probes (curvature in gradient-equivalents). Each step is timed from one metrics
/// row to the next in CPU time (see StepTimes), from step 2 on, so start-up is left out (and measured on its own), and
/// without the last row, which follows a forward pass only; each figure is a lower quartile of the steps.
/// </summary>
public static class CostCalibrator
{
    /// <summary>One model's calibration setup: its data set, depth, width and loss, the two batch sizes and the steps timed.</summary>
    private sealed record Setup(string Model, Architecture Architecture, string Dataset, int Depth, int Width, LossKind Loss,
                                int Small, int Large, int Steps);

    private static readonly Setup[] Setups =
    [
        new("mlp", Architecture.Mlp, DatasetCatalog.FashionMnistName, 3, 32, LossKind.MeanSquaredError, 250, 4000, 100),
        new("cnn", Architecture.Cnn, DatasetCatalog.FashionMnistName, 3, 32, LossKind.CrossEntropy, 64, 256, 8),
        // At the paper's 5,120 images itself: at a few hundred the activations stay in cache and a step looks ~3× cheaper
        // per image, and only past glibc's 32 MB mmap threshold does a step pay the kernel for its memory (HugePages).
        new("vgg", Architecture.Vgg, DatasetCatalog.Cifar10Name, 3, 8, LossKind.CrossEntropy, 1024, 5120, 5),
        new("resnet", Architecture.ResNet, DatasetCatalog.Cifar10Name, 3, 8, LossKind.CrossEntropy, 1024, 5120, 5),
    ];

    /// <summary>Curvature every this many steps on the MLP, and Hutchinson probes in the probe run.</summary>
    private const int CurvatureEvery = 5, Probes = 4, CurvatureExamples = 1000;

    public static CostCalibration Measure(string dataDirectory, int threads, TextWriter log)
    {
        TorchRuntime.PinThreads(threads);
        var models = new Dictionary<string, ModelCost>();
        var overheads = new List<double>();
        double curvatureGradients = 0, hvpGradients = 0;
        var optimizerSteps = new Dictionary<string, double>();
        foreach (var setup in Setups)
        {
            double smallStep = LowerQuartile(StepTimes(Spec(setup, setup.Small), dataDirectory, overheads).Values);
            double largeStep = LowerQuartile(StepTimes(Spec(setup, setup.Large), dataDirectory, overheads).Values);
            double perExample = Math.Max(0, (largeStep - smallStep) / (setup.Large - setup.Small));
            double stepOverhead = Math.Max(0, largeStep - perExample * setup.Large);
            // Not measured: a forward pass costs about a third of forward and backward (backward is about twice the
            // forward), and evaluation is a small share of any run, smaller than the noise of timing it here.
            double forwardPerExample = perExample / 3;
            models[setup.Model] = new ModelCost(setup.Dataset, setup.Depth, setup.Width, Round(stepOverhead), Round(perExample), Round(forwardPerExample));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{setup.Model,-6} {setup.Dataset} depth {setup.Depth} width {setup.Width}: {smallStep * 1e3:F2} ms/step at {setup.Small} examples, {largeStep * 1e3:F2} at {setup.Large}; "
                + $"step {stepOverhead * 1e3:F2} ms + {perExample * 1e6:F1} µs/example, forward {forwardPerExample * 1e6:F1} µs/example"));
            if (setup.Model == "mlp")
            {
                // The update's own cost, over GD's, at the small batch where it weighs most (a few hundred µs a step).
                foreach (var optimizer in Specs.RunChoices.Optimizers.All.Where(o => o.Value != OptimizerKind.Gd))
                {
                    var updating = Spec(setup, setup.Small) with { Optimizer = new OptimizerSpec(optimizer.Value, 0.01, BatchSize: setup.Small) };
                    optimizerSteps[optimizer.Name] = Round(Math.Max(0, LowerQuartile(StepTimes(updating, dataDirectory, overheads).Values) - smallStep));
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{optimizer.Name}: its update adds {optimizerSteps[optimizer.Name] * 1e3:F3} ms a step over GD's"));
                }

                // At the paper's 1,000 examples: a gradient over the Hessian set costs about one full-batch step on it.
                var spec = Spec(setup, CurvatureExamples) with { CurvatureEvery = CurvatureEvery };
                double step = stepOverhead + perExample * CurvatureExamples;
                double tracked = MeasuringStep(StepTimes(spec, dataDirectory, overheads));
                double probed = MeasuringStep(StepTimes(spec with { TraceProbes = Probes }, dataDirectory, overheads));
                curvatureGradients = Math.Max(0, (tracked - step) / step);
                hvpGradients = Math.Max(0, (probed - tracked) / Probes / step);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"curvature: a measuring step takes {tracked * 1e3:F2} ms, {curvatureGradients:F1} gradients per measurement; {hvpGradients:F2} gradients per HVP"));
            }
        }
        double diagonalStep = DiagonalStepSeconds();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"diagonal-linear-2: {diagonalStep * 1e6:F1} µs/step; start-up {overheads.Max():F2} s per run (the coldest)"));
        return new CostCalibration(CostCalibration.CurrentSchemaVersion, DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                                   Machine(), threads, TorchRuntime.TorchSharpVersion, TorchRuntime.EngineVersion, Round(overheads.Max()), models,
                                   Round(curvatureGradients), Round(hvpGradients), Round(diagonalStep), ReferenceGpu: null, optimizerSteps);

        static double MeasuringStep(IReadOnlyDictionary<long, double> times) => LowerQuartile(times.Where(t => t.Key % CurvatureEvery == 0).Select(t => t.Value));
    }

    /// <summary>
    /// The 25th percentile: on a shared machine the fast steps are the ones least disturbed by other work (the figure
    /// that carries over to a quiet machine), and a quartile is steadier than the single fastest.
    /// </summary>
    private static double LowerQuartile(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 4];
    }

    private static TrainingSpec Spec(Setup setup, int examples) =>
        new TrainingSpec(setup.Dataset, examples, 100, new ModelSpec(setup.Architecture, setup.Depth, setup.Width), setup.Loss,
                         new OptimizerSpec(OptimizerKind.Gd, 0.01), setup.Steps, 0)
        {
            EvaluateEvery = int.MaxValue,
            StopAtTrainAccuracy = 2,
            DivergenceBound = double.MaxValue,
        };

    /// <summary>
    /// The seconds of each step after the first (from one metrics row to the next) of the spec trained the way the
    /// store trains it (<see cref="Runs.TrainingRun"/>: metrics streamed to a file, checkpoints), into a temporary
    /// folder; the start-up (data, model) is added to <paramref name="startups"/>. A step's seconds are the process's CPU
    /// time over the step (all threads): the work itself, whatever else the machine does. Wall time would measure the
    /// other work on a shared machine as well (at a load of 20 on 2 cores, 3-10× the CPU time). On a quiet machine a
    /// step's wall time lies between its CPU time divided by the threads (perfectly parallel) and its CPU time (serial).
    /// </summary>
    private static IReadOnlyDictionary<long, double> StepTimes(TrainingSpec spec, string dataDirectory, List<double> startups)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        var started = Cpu();
        using (var data = TrainingData.Load(spec, dataDirectory))
        using (new Trainer(spec with { Steps = 1 }, data))
            startups.Add((Cpu() - started).TotalSeconds);
        string folder = Path.Combine(Path.GetTempPath(), "repro-calibrate-" + Guid.NewGuid().ToString("N"));
        var times = new Dictionary<long, double>();
        try
        {
            var previous = Cpu();
            Runs.TrainingRun.Execute(spec, dataDirectory, folder, TextWriter.Null, row =>
            {
                var now = Cpu();
                // The last row comes after a forward pass only (a run ends without a final update): not a step.
                if (row.Step >= 2 && row.Step < spec.Steps) times[row.Step] = (now - previous).TotalSeconds;
                previous = now;
            });
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        return times;
    }

    private static double DiagonalStepSeconds()
    {
        const int steps = 20000;
        DiagonalNetworkTrainer.Train(-0.1, 10, 1e-4, 100);
        // Two-element tensors: one thread does all the work, so the step costs its CPU time.
        using var process = Process.GetCurrentProcess();
        var started = process.TotalProcessorTime;
        DiagonalNetworkTrainer.Train(-0.1, 10, 1e-4, steps);
        process.Refresh();
        return (process.TotalProcessorTime - started).TotalSeconds / steps;
    }

    /// <summary>Four significant digits: more would be noise, and a diff of the file should show what changed.</summary>
    private static double Round(double value) => double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Machine() =>
        $"{Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}";
}
