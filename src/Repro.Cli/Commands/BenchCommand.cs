using System.CommandLine;
using Repro.Core;
using Repro.Core.Benchmarks;
using Repro.Core.Training;

namespace Repro.Cli.Commands;

/// <summary><c>repro bench</c>: timings of the engine on the paper's setups (benchmarks, not tests).</summary>
public static class BenchCommand
{
    private static readonly Option<int> TrackedSteps = new("--tracked-steps") { Description = "Steps of the training run timed untracked and tracked.", DefaultValueFactory = _ => 2000 };
    private static readonly Option<int> TrackEvery = new("--every") { Description = "Steps between curvature measurements of the tracked run.", DefaultValueFactory = _ => 25 };
    private static readonly Option<string> Measures = new("--curvature-measures")
    {
        Description = "What each measurement of the tracked run computes (as the run field: lambda1, lambda2, lambda_min, subspace).",
        DefaultValueFactory = _ => "lambda1,lambda2,lambda_min,subspace",
    };
    private static readonly Option<bool> CheckAccuracy = new("--check-accuracy") { Description = "Also compare every measurement of the tracked run with a tight cold solve (a few minutes): errors of λ₁, λ₂, λ_min, v₁ and the rotations." };

    public static Command Create()
    {
        var command = new Command("bench", "Time the engine on the paper's setups.");
        command.Subcommands.Add(BenchTrainCommand.Create());
        command.Subcommands.Add(BenchTrainCommand.CreateChild());
        command.Subcommands.Add(Curvature());
        command.Subcommands.Add(BenchCalibrateCommand.Create());
        return command;
    }

    private static Command Curvature()
    {
        var command = new Command("curvature", "Cost of sharpness tracking (gradient, HVP, Lanczos and power-iteration HVP counts; HVPs per full measurement and tracked/untracked wall time of a training run) on the 3×32 ReLU MLP, MSE, 1,000 Fashion-MNIST images.");
        command.Options.Add(TrackedSteps);
        command.Options.Add(TrackEvery);
        command.Options.Add(Measures);
        command.Options.Add(CheckAccuracy);
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var measureField = Repro.Pipeline.Specs.FieldText.Parse(Repro.Pipeline.Specs.RunFields.CurvatureMeasures, parse.GetValue(Measures)!);
            var measures = Repro.Pipeline.Specs.RunChoices.MeasuresOf(measureField.AsWords);
            var threads = CommonOptions.ThreadCount(parse);
            TorchRuntime.PinThreads(threads);
            var spec = BenchmarkSetups.Mlp;
            using var data = TrainingData.Load(spec, Repro.Pipeline.Datasets.DataFolder.Resolve(parse.GetValue(CommonOptions.Data)));
            using var setup = TrainingSetup.From(spec, data);
            var result = CurvatureBenchmark.Run(setup.Model, setup.Loss, setup.HessianSet, spec.Optimizer.LearningRate);
            Console.WriteLine($"threads {threads}, mlp 3x32 relu, fashion-mnist 1000, mse, GD η = 0.2");
            foreach (var line in result.Lines())
                Console.WriteLine(line);
            var cost = TrackingCost.Measure(spec with { Steps = parse.GetValue(TrackedSteps) }, data, parse.GetValue(TrackEvery), measures: measures);
            Console.WriteLine($"tracked run's measures: {measureField} (curvature_measures)");
            foreach (var line in cost.Lines())
                Console.WriteLine(line);
            if (!parse.GetValue(CheckAccuracy)) return 0;
            Console.WriteLine("against a tight solve (cold Lanczos to 1e-8) at every measurement of the tracked run:");
            foreach (var line in TrackingAccuracy.Measure(spec with { Steps = parse.GetValue(TrackedSteps) }, data, parse.GetValue(TrackEvery)).Lines())
                Console.WriteLine(line);
            return 0;
        }));
        return command;
    }
}
