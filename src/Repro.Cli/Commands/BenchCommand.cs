using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Repro.Cli.Training;
using Repro.Core;
using Repro.Core.Curvature;
using Repro.Core.Data;
using Repro.Pipeline.Runs;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;

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

    private static Command Train()
    {
        var command = new Command("train", "ms per full-batch GD step: 3×32 ReLU MLP on 1,000 Fashion-MNIST images (MSE), VGG- and ResNet-style nets on 5,120 CIFAR-10 images (cross-entropy).");
        command.Options.Add(Steps);
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var threads = CommonOptions.ThreadCount(parse);
            var steps = parse.GetValue(Steps);
            TorchRuntime.PinThreads(threads);
            var dataDirectory = Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data));
            Console.WriteLine($"threads {threads}, TorchSharp {TorchRuntime.TorchSharpVersion}, libtorch {TorchRuntime.LibTorchVersion}");
            var gd = new OptimizerSpec(OptimizerKind.Gd, 0.05);
            Report("mlp 3x32 relu, fashion-mnist 1000, mse", dataDirectory, steps,
                new TrainingSpec(DatasetCatalog.FashionMnistName, 1000, 200, new ModelSpec(Architecture.Mlp, 3, 32), LossKind.MeanSquaredError, gd with { LearningRate = 0.2 }, 0, 0));
            foreach (var architecture in new[] { Architecture.Vgg, Architecture.ResNet })
            {
                Report($"{KebabCase.Spell(architecture)} base 8, cifar10 5120, cross-entropy", dataDirectory, Math.Max(3, steps / 100),
                    new TrainingSpec(DatasetCatalog.Cifar10Name, 5120, 100, new ModelSpec(architecture, Width: 8), LossKind.CrossEntropy, gd, 0, 0));
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
            using var model = ModelFactory.Create(spec.Model, 1, 28, 28, 10, spec.Seed);
            var hessianSet = HessianSet.Chunks(data.Train.Inputs, data.Train.OneHot, 0);
            var result = CurvatureBenchmark.Run(model, Loss.MeanSquaredError, hessianSet, spec.Optimizer.LearningRate);
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

    /// <summary>Times the trainer's own loop (forward, loss, accuracy, backward, update) after two warm-up steps.</summary>
    private static void Report(string name, string dataDirectory, int steps, TrainingSpec spec)
    {
        spec = spec with { StopAtTrainAccuracy = 2, EvaluateEvery = int.MaxValue };
        using var data = TrainingData.Load(spec, dataDirectory);
        using (var warmup = new Trainer(spec with { Steps = 2 }, data))
            warmup.Run();
        using var trainer = new Trainer(spec with { Steps = steps }, data);
        var clock = Stopwatch.StartNew();
        trainer.Run();
        var perStep = clock.Elapsed.TotalMilliseconds / steps;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {perStep:F3} ms/step over {steps} steps"));
    }
}
