using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Repro.Cli.ConsoleText;
using Repro.Core;
using Repro.Core.Curvature;
using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using Repro.Pipeline.Runs;
using TorchSharp;

namespace Repro.Cli.Commands;

/// <summary><c>repro bench</c>: timings of the engine on the paper's setups (benchmarks, not tests).</summary>
public static class BenchCommand
{
    private static readonly Option<int> Steps = new("--steps") { Description = "Timed steps of the MLP (the CNNs take a tenth, at least 3).", DefaultValueFactory = _ => 500 };

    private static readonly Option<int> TrackedSteps = new("--tracked-steps") { Description = "Steps of the training run timed untracked and tracked.", DefaultValueFactory = _ => 2000 };
    private static readonly Option<int> TrackEvery = new("--every") { Description = "Steps between curvature measurements of the tracked run.", DefaultValueFactory = _ => 25 };

    public static Command Create()
    {
        var command = new Command("bench", "Time the engine on the paper's setups.");
        command.Subcommands.Add(Train());
        command.Subcommands.Add(Curvature());
        command.Subcommands.Add(BenchCalibrateCommand.Create());
        return command;
    }

    private static readonly Option<int> Images = new("--images") { Description = "CIFAR-10 images of the CNNs' full batch (fewer on a busy machine: the layouts' ratio is what counts).", DefaultValueFactory = _ => 5120 };

    private static Command Train()
    {
        var command = new Command("train", "ms per full-batch GD step: 3×32 ReLU MLP on 1,000 Fashion-MNIST images (MSE); VGG- and ResNet-style nets on 5,120 CIFAR-10 images (cross-entropy), each step and Hessian-vector product timed in the contiguous (NCHW) and the channels-last layout side by side.");
        command.Options.Add(Steps);
        command.Options.Add(Images);
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var threads = CommonOptions.ThreadCount(parse);
            var steps = parse.GetValue(Steps);
            var images = parse.GetValue(Images);
            TorchRuntime.PinThreads(threads);
            var dataDirectory = Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data));
            Console.WriteLine($"threads {threads}, TorchSharp {TorchRuntime.TorchSharpVersion}, libtorch {TorchRuntime.LibTorchVersion}");
            var gd = new OptimizerSpec(OptimizerKind.Gd, 0.05);
            var mlp = new TrainingSpec(DatasetCatalog.FashionMnistName, 1000, 200, new ModelSpec(Architecture.Mlp, 3, 32), LossKind.MeanSquaredError, gd with { LearningRate = 0.2 }, 0, 0);
            using (var data = TrainingData.Load(Timed(mlp), dataDirectory))
            {
                var step = StepMilliseconds(Timed(mlp), data, steps, MemoryLayout.Contiguous);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mlp 3x32 relu, fashion-mnist 1000, mse: {step:F3} ms/step over {steps} steps"));
                var tracking = OscillationMilliseconds(Timed(mlp), data, steps);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which oscillation tracking (step_norm, period_two_norm, step_along_v1): {tracking:F4} ms/step, {100 * tracking / step:F2}%"));
            }
            foreach (var architecture in new[] { Architecture.Vgg, Architecture.ResNet })
            {
                var spec = Timed(new TrainingSpec(DatasetCatalog.Cifar10Name, images, 100, new ModelSpec(architecture, Width: 8), LossKind.CrossEntropy, gd, 0, 0));
                var cnnSteps = Math.Max(3, steps / 100);
                using var data = TrainingData.Load(spec, dataDirectory);
                var name = string.Create(CultureInfo.InvariantCulture, $"{KebabCase.Spell(architecture)} base 8, cifar10 {images}, cross-entropy");
                Compare($"{name}, GD step", cnnSteps, layout => StepMilliseconds(spec, data, cnnSteps, layout));
                Compare($"{name}, Hessian-vector product", cnnSteps, layout => HvpMilliseconds(spec, data, cnnSteps, layout));
            }
            return 0;
        }));
        return command;
    }

    private static Command Curvature()
    {
        var command = new Command("curvature", "Cost of sharpness tracking (gradient, HVP, Lanczos and power-iteration HVP counts; HVPs per full measurement and tracked/untracked wall time of a training run) on the 3×32 ReLU MLP, MSE, 1,000 Fashion-MNIST images.");
        command.Options.Add(TrackedSteps);
        command.Options.Add(TrackEvery);
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var threads = CommonOptions.ThreadCount(parse);
            TorchRuntime.PinThreads(threads);
            var spec = new TrainingSpec(DatasetCatalog.FashionMnistName, 1000, 200, new ModelSpec(Architecture.Mlp, 3, 32), LossKind.MeanSquaredError,
                new OptimizerSpec(OptimizerKind.Gd, 0.2), 0, 0);
            using var data = TrainingData.Load(spec, Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data)));
            using var setup = TrainingSetup.From(spec, data);
            var result = CurvatureBenchmark.Run(setup.Model, setup.Loss, setup.HessianSet, spec.Optimizer.LearningRate);
            Console.WriteLine($"threads {threads}, mlp 3x32 relu, fashion-mnist 1000, mse, GD η = 0.2");
            foreach (var line in result.Lines())
                Console.WriteLine(line);
            var cost = TrackingCost.Measure(spec with { Steps = parse.GetValue(TrackedSteps) }, data, parse.GetValue(TrackEvery));
            foreach (var line in cost.Lines())
                Console.WriteLine(line);
            return 0;
        }));
        return command;
    }

    private static TrainingSpec Timed(TrainingSpec spec) => spec with { StopAtTrainAccuracy = 2, EvaluateEvery = int.MaxValue };

    /// <summary>Both layouts in one sitting, so their ratio is measured under the same load of a shared machine.</summary>
    private static void Compare(string name, int repetitions, Func<MemoryLayout, double> milliseconds)
    {
        var contiguous = milliseconds(MemoryLayout.Contiguous);
        var channelsLast = milliseconds(MemoryLayout.ChannelsLast);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: contiguous {contiguous:F1} ms, channels-last {channelsLast:F1} ms, {contiguous / channelsLast:F2}x faster (mean of {repetitions})"));
    }

    /// <summary>ms per step of the trainer's own loop (forward, loss, accuracy, backward, update) after one warm-up step.</summary>
    private static double StepMilliseconds(TrainingSpec spec, TrainingData data, int steps, MemoryLayout layout)
    {
        using (var warmup = new Trainer(TrainingSetup.From(spec with { Steps = 1 }, data, layout)))
            warmup.Run();
        using var trainer = new Trainer(TrainingSetup.From(spec with { Steps = steps }, data, layout));
        var clock = Stopwatch.StartNew();
        trainer.Run();
        return clock.Elapsed.TotalMilliseconds / steps;
    }

    /// <summary>ms per step of what the trainer adds for the oscillation columns: a flat copy of θ and three reductions.</summary>
    private static double OscillationMilliseconds(TrainingSpec spec, TrainingData data, int steps)
    {
        using var setup = TrainingSetup.From(spec, data);
        using var tracker = new OscillationTracker();
        using var v1 = torch.randn(ParameterVector.Dimension(setup.Model));
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

    /// <summary>ms per Hessian-vector product over the whole training subset (batch norm in eval mode), after one warm-up product.</summary>
    private static double HvpMilliseconds(TrainingSpec spec, TrainingData data, int products, MemoryLayout layout)
    {
        using var setup = TrainingSetup.From(spec, data, layout);
        var product = new HessianVectorProduct(setup.Model, setup.Loss, setup.HessianSet);
        using var v = torch.randn(product.Dimension, generator: new torch.Generator(0));
        using (product.Apply(v)) { }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < products; i++)
            using (product.Apply(v)) { }
        return clock.Elapsed.TotalMilliseconds / products;
    }
}
