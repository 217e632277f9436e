using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports;

/// <summary>What figures and tables call a run's data set, model, loss, optimizer and batch size.</summary>
public static class DisplayNames
{
    public const string ClippedAda = "Clipped-Ada";
    public const string Adam = "Adam";

    /// <summary>The data set as figures must name it: our CIFAR-10 copy is decoded from JPEGs (see the data folder's README).</summary>
    public static string Dataset(string dataset) => dataset switch
    {
        "fashion-mnist" => "Fashion-MNIST",
        "cifar10" => "CIFAR-10 (JPEG-decoded subset)",
        var other => other,
    };

    /// <summary>What a researcher would call the run's setup, e.g. "VGG-style, width 8 — CIFAR-10 (JPEG-decoded subset), 256 images".</summary>
    public static string Setup(RunConfig config) => $"{Model(config)} — {Data(config)}";

    public static string Model(RunConfig config) => config.Model switch
    {
        "mlp" => $"MLP {config.Depth}×{config.Width} {(config.Activation == "relu" ? "ReLU" : config.Activation)}",
        "cnn" => $"CNN, {config.Width} channels",
        "vgg" => $"VGG-style, width {config.Width}",
        "resnet" => $"ResNet-20-style, width {config.Width}",
        var other => other,
    };

    public static string Data(RunConfig config) => $"{Dataset(config.Dataset)}, {Format.Count(config.TrainSize)} images";

    public static string Loss(RunConfig config) => config.Loss == "mse" ? "MSE" : "cross-entropy";

    /// <summary>The optimizer setting as a column label: "Adam", "Clipped-Ada c = 0.1", "SGD (η = 0.1)".</summary>
    public static string Optimizer(RunConfig config)
    {
        string lr = $"η = {Format.G(config.Lr, 4)}";
        return config.Optimizer switch
        {
            "adam" => Adam,
            "clipped-ada" => $"{ClippedAda} c = {Format.G(config.ClipBound, 4)}" + (config.ClipsLowerSide ? " (lower)" : ""),
            "sgd" => $"SGD ({lr})",
            "rms-prop" => $"RMSprop ({lr})",
            var other => other,
        };
    }

    public static string BatchSize(int batchSize) => batchSize == 0 ? "full batch" : $"batch {batchSize}";

    /// <summary>A run as exclusion lists name it: its group and sweep point, e.g. "sgd[batch_size=10,lr=0.02,seed=0]".</summary>
    public static string Run(RunResult run) => $"{run.Run.Group}[{run.Run.Label}]";
}
