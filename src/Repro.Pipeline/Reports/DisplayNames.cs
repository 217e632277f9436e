using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports;

/// <summary>
/// What figures and tables call a run's data set, model, loss, optimizer and batch size: the display names of
/// <see cref="RunChoices"/>' tables, composed with the run's numbers.
/// </summary>
public static class DisplayNames
{
    public static readonly string ClippedAda = RunChoices.Optimizers.DisplayOf(OptimizerKind.ClippedAda);
    public static readonly string Adam = RunChoices.Optimizers.DisplayOf(OptimizerKind.Adam);

    /// <summary>The data set as figures must name it: our CIFAR-10 copy is decoded from JPEGs (see docs/data.md).</summary>
    public static string Dataset(string dataset) => RunChoices.Datasets.DisplayOf(dataset);

    /// <summary>What a researcher would call the run's setup, e.g. "VGG-style, width 8 — CIFAR-10 (JPEG-decoded subset), 256 images".</summary>
    public static string Setup(RunConfig config) => $"{Model(config)} — {Data(config)}";

    public static string Model(RunConfig config)
    {
        if (config.Settings.Trainer is not { } t) return config.Settings.ModelName;
        string name = RunChoices.Architectures.DisplayOf(t.Architecture);
        return t.Architecture switch
        {
            Architecture.Mlp => $"{name} {t.Depth}×{t.Width} {RunChoices.Activations.DisplayOf(t.Activation)}",
            Architecture.Cnn => $"{name}, {t.Width} channels",
            _ => $"{name}, width {t.Width}",
        };
    }

    public static string Data(RunConfig config) => $"{Dataset(config.Dataset)}, {Format.Count(config.TrainSize)} images";

    public static string Loss(RunConfig config) =>
        RunChoices.Losses.DisplayOf((config.Settings.Trainer ?? throw new InvalidOperationException($"model {config.Settings.ModelName} has no loss field")).Loss);

    /// <summary>The optimizer setting as a column label: "Adam", "Clipped-Ada c = 0.1", "SGD (η = 0.1)".</summary>
    public static string Optimizer(RunConfig config)
    {
        string lr = $"η = {Format.G(config.Lr, 4)}";
        return config.Optimizer switch
        {
            OptimizerKind.Adam => Adam,
            OptimizerKind.ClippedAda => $"{ClippedAda} c = {Format.G(config.ClipBound, 4)}" + (config.ClipsLowerSide ? " (lower)" : ""),
            var other => $"{RunChoices.Optimizers.DisplayOf(other)} ({lr})",
        };
    }

    public static string BatchSize(int batchSize) => batchSize == 0 ? "full batch" : $"batch {batchSize}";

    /// <summary>A run as exclusion lists name it: its group and sweep point, e.g. "sgd[batch_size=10,lr=0.02,seed=0]".</summary>
    public static string Run(FinishedRun run) => $"{run.Run.Group}[{run.Run.Label}]";
}
