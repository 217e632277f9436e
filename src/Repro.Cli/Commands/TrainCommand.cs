using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Cli.Training;
using Repro.Core;
using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;

namespace Repro.Cli.Commands;

/// <summary><c>repro train</c>: one ad-hoc run; flags mirror the YAML run fields in kebab-case.</summary>
public static class TrainCommand
{
    public const string SpecFile = "spec.json";
    public const string CheckpointFolder = "checkpoints";

    public static readonly JsonSerializerOptions SpecJson = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    private static readonly Option<string?> Data = new("--data") { Description = "Data folder (default: REPRO_DATA, else /usr/share/datasets)." };
    private static readonly Option<string> Dataset = new("--dataset") { Description = "fashion-mnist or cifar10.", DefaultValueFactory = _ => DatasetCatalog.FashionMnistName };
    private static readonly Option<int> TrainSize = new("--train-size") { Description = "Training subset size.", DefaultValueFactory = _ => 1000 };
    private static readonly Option<int> TestSize = new("--test-size") { Description = "Test subset size (the first images of the test split).", DefaultValueFactory = _ => 200 };
    private static readonly Option<bool> ClassBalanced = new("--class-balanced") { Description = "Draw the training subset balanced over classes with the seed, instead of the first images." };
    private static readonly Option<string> Model = new("--model") { Description = "mlp, cnn, vgg or resnet.", DefaultValueFactory = _ => "mlp" };
    private static readonly Option<int> Depth = new("--depth") { Description = "MLP hidden layers.", DefaultValueFactory = _ => 3 };
    private static readonly Option<int> Width = new("--width") { Description = "MLP width, CNN channels, base width of VGG/ResNet.", DefaultValueFactory = _ => 32 };
    private static readonly Option<string> Activation = new("--activation") { Description = "relu or tanh.", DefaultValueFactory = _ => "relu" };
    private static readonly Option<string> LossOption = new("--loss") { Description = "mse (½‖f(x) − y‖², one-hot y) or cross-entropy.", DefaultValueFactory = _ => "mse" };
    private static readonly Option<string> OptimizerOption = new("--optimizer") { Description = "gd, sgd, rms-prop, adam or clipped-ada.", DefaultValueFactory = _ => "gd" };
    private static readonly Option<double> LearningRate = new("--lr") { Description = "Learning rate η.", Required = true };
    private static readonly Option<int?> BatchSize = new("--batch-size") { Description = "Minibatch size (default: full batch)." };
    private static readonly Option<double> Momentum = new("--momentum") { Description = "Heavy-ball momentum μ for sgd.", DefaultValueFactory = _ => 0 };
    private static readonly Option<double> Beta1 = new("--beta1") { DefaultValueFactory = _ => 0.9 };
    private static readonly Option<double> Beta2 = new("--beta2") { DefaultValueFactory = _ => 0.999 };
    private static readonly Option<double> Alpha = new("--alpha") { Description = "RMSprop's averaging constant.", DefaultValueFactory = _ => 0.99 };
    private static readonly Option<double> Epsilon = new("--epsilon") { DefaultValueFactory = _ => 1e-8 };
    private static readonly Option<double> ClipBound = new("--clip-bound") { Description = "Clipped-Ada's bound c on √v̂.", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> ClipSideOption = new("--clip-side") { Description = "upper: min(√v̂, c); lower: max(√v̂, c).", DefaultValueFactory = _ => "upper" };
    private static readonly Option<int> WarmupSteps = new("--warmup-steps") { Description = "Linear learning-rate warm-up steps.", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> Steps = new("--steps") { Description = "Step budget.", Required = true };
    private static readonly Option<int> Seed = new("--seed") { DefaultValueFactory = _ => 0 };
    private static readonly Option<int> CurvatureEvery = new("--curvature-every") { Description = "Curvature measurements every k steps (0: none).", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> EvaluateEvery = new("--evaluate-every") { Description = "Test accuracy and ‖θ − θ₀‖ every k steps (default: the curvature interval, else 100).", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> MetricsEvery = new("--metrics-every") { Description = "Minibatch runs: full training loss every k steps.", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> CheckpointEvery = new("--checkpoint-every") { Description = "Checkpoint every N steps (always at the end).", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> HessianSize = new("--hessian-size") { Description = "Training examples the Hessian is measured on (default: all).", DefaultValueFactory = _ => 0 };
    private static readonly Option<double> DivergenceLoss = new("--divergence-loss") { Description = "A loss above this counts as divergence.", DefaultValueFactory = _ => 1e6 };
    private static readonly Option<double> StopAtTrainAccuracy = new("--stop-at-train-accuracy") { Description = "Stop when reached twice in a row (above 1: never).", DefaultValueFactory = _ => 0.999 };
    private static readonly Option<string> Out = new("--out") { Description = "Folder for metrics.csv, spec.json and checkpoints/; an existing checkpoint there is resumed.", Required = true };

    public static Command Create()
    {
        var command = new Command("train", "Train one run and write metrics.csv (and checkpoints) into --out.");
        foreach (var option in new Option[]
                 {
                     Data, Dataset, TrainSize, TestSize, ClassBalanced, Model, Depth, Width, Activation, LossOption, OptimizerOption,
                     LearningRate, BatchSize, Momentum, Beta1, Beta2, Alpha, Epsilon, ClipBound, ClipSideOption, WarmupSteps, Steps, Seed,
                     CurvatureEvery, EvaluateEvery, MetricsEvery, CheckpointEvery, HessianSize, DivergenceLoss, StopAtTrainAccuracy, Out,
                 })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => Guard(() => Run(parse)));
        return command;
    }

    public static TrainingSpec Spec(ParseResult parse)
    {
        var optimizer = new OptimizerSpec(
            KebabCase.Parse<OptimizerKind>(parse.GetValue(OptimizerOption)!, "--optimizer"),
            parse.GetValue(LearningRate), parse.GetValue(BatchSize), parse.GetValue(Momentum), parse.GetValue(Beta1), parse.GetValue(Beta2),
            parse.GetValue(Alpha), parse.GetValue(Epsilon), parse.GetValue(ClipBound),
            KebabCase.Parse<ClipSide>(parse.GetValue(ClipSideOption)!, "--clip-side"), parse.GetValue(WarmupSteps));
        if (optimizer.Kind == OptimizerKind.Gd && optimizer.BatchSize is not null)
            throw new ArgumentException("--batch-size: gd is full-batch; use --optimizer sgd for minibatches");
        var model = new ModelSpec(
            KebabCase.Parse<Architecture>(parse.GetValue(Model)!, "--model"), parse.GetValue(Depth), parse.GetValue(Width),
            KebabCase.Parse<Activation>(parse.GetValue(Activation)!, "--activation"));
        return new TrainingSpec(
            DatasetCatalog.Canonical(parse.GetValue(Dataset)!), parse.GetValue(TrainSize), parse.GetValue(TestSize), model,
            KebabCase.Parse<LossKind>(parse.GetValue(LossOption)!, "--loss"), optimizer, parse.GetValue(Steps), parse.GetValue(Seed))
        {
            ClassBalanced = parse.GetValue(ClassBalanced),
            CurvatureEvery = parse.GetValue(CurvatureEvery),
            EvaluateEvery = parse.GetValue(EvaluateEvery),
            MetricsEvery = parse.GetValue(MetricsEvery),
            CheckpointEvery = parse.GetValue(CheckpointEvery),
            HessianSize = parse.GetValue(HessianSize),
            DivergenceBound = parse.GetValue(DivergenceLoss),
            StopAtTrainAccuracy = parse.GetValue(StopAtTrainAccuracy),
        };
    }

    /// <summary>One line on stderr and exit 2 for bad flags or data files.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ArgumentException or DataFormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    /// <summary>The root's --threads (results depend on it), else REPRO_THREADS, else 2.</summary>
    public static int ThreadCount(ParseResult parse) =>
        parse.GetValue(CommonOptions.Threads)
        ?? (int.TryParse(Environment.GetEnvironmentVariable("REPRO_THREADS"), out var threads) ? threads : 2);

    private static int Run(ParseResult parse)
    {
        var spec = Spec(parse);
        TorchRuntime.PinThreads(ThreadCount(parse));
        var outFolder = Directory.CreateDirectory(parse.GetValue(Out)!).FullName;
        var specPath = Path.Combine(outFolder, SpecFile);
        if (File.Exists(specPath) && Directory.Exists(Path.Combine(outFolder, CheckpointFolder)))
        {
            // Resuming is only exact for the same run; only the step budget may grow.
            var previous = JsonSerializer.Deserialize<TrainingSpec>(File.ReadAllText(specPath), SpecJson);
            if (previous is null || previous with { Steps = 0 } != spec with { Steps = 0 })
                throw new ArgumentException($"--out: {outFolder} holds checkpoints of a different run (see {SpecFile}); use a new folder");
        }
        File.WriteAllText(specPath, JsonSerializer.Serialize(spec, SpecJson));

        using var data = TrainingData.Load(spec, DataDirectory.Resolve(parse.GetValue(Data)));
        using var trainer = new Trainer(spec, data, extraHooks: null, Path.Combine(outFolder, CheckpointFolder));
        if (trainer.ResumedFromStep is { } resumed)
            Console.WriteLine($"resuming from step {resumed}");
        using var metrics = new MetricsCsvWriter(Path.Combine(outFolder, "metrics.csv"), trainer.ResumedFromStep);
        var progress = ProgressLine.ForConsole(spec.Steps);
        var result = trainer.Run(row =>
        {
            metrics.Write(row);
            progress.Show(row);
        });
        progress.Finish();
        Console.WriteLine(result.Reason == StopReason.Diverged
            ? $"diverged at step {result.DivergedAtStep} (loss {result.Rows[^1].TrainLoss:G4}); metrics in {outFolder}"
            : $"stopped at step {result.FinalStep} ({KebabCase.Spell(result.Reason)}); metrics in {outFolder}");
        return 0;
    }
}
