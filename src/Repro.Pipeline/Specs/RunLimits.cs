using Repro.Core.Data;
using Repro.Core.Models;

namespace Repro.Pipeline.Specs;

/// <summary>
/// Limits of one resolved run that are known before it trains: subsets no larger than the data set, and a model (or,
/// for the diagonal network, a step record) that fits in memory. Each problem names the field to point at.
/// </summary>
public static class RunLimits
{
    /// <summary>
    /// Bytes of memory per float32 parameter a trainer run may touch: weights, gradient, two optimizer moments, the
    /// double-backward graph of a Hessian-vector product and a Lanczos basis of up to ~30 vectors. Rough, on purpose:
    /// it refuses what cannot fit (a width of 10⁶), not what is merely slow.
    /// </summary>
    public const double BytesPerParameter = 4 * 40;

    /// <summary>Bytes the diagonal network keeps per step (its metrics row, held until the run ends).</summary>
    public const double BytesPerDiagonalStep = 128;

    public static (RunField Field, string Reason)? Problem(RunSettings run, LoadChecks checks)
    {
        double memory = checks.Memory;
        if (run.DiagonalNetwork is not null)
        {
            double bytes = (run.Steps + 1.0) * BytesPerDiagonalStep;
            return bytes > memory
                ? (RunFields.Steps, $"{run.Steps} steps would hold about {GiB(bytes)} of metrics in memory, more than the {GiB(memory)} available")
                : null;
        }
        var t = run.Trainer!;
        var (train, test) = DatasetSizes.Of(t.Dataset, checks.DataDirectory);
        string name = RunChoices.Datasets.DisplayOf(t.Dataset);
        if (t.TrainSize > train) return (RunFields.TrainSize, $"train_size {t.TrainSize} is larger than {name}'s {train} training images");
        if (t.TestSize > test) return (RunFields.TestSize, $"test_size {t.TestSize} is larger than {name}'s {test} test images");
        if (t.HessianSize > t.TrainSize) return (RunFields.HessianSize, $"hessian_size {t.HessianSize} is larger than train_size {t.TrainSize}");
        double parameters = Parameters(t);
        double needed = parameters * BytesPerParameter;
        return needed > memory
            ? (RunFields.Width, $"a {RunChoices.Architectures.DisplayOf(t.Architecture)} of depth {t.Depth} and width {t.Width} has about {parameters:G3} parameters, "
                               + $"needing about {GiB(needed)} of memory, more than the {GiB(memory)} available")
            : null;
    }

    /// <summary>The parameter count of the model Core builds, from its layer shapes (biases and batch norm left out: a lower bound).</summary>
    public static double Parameters(TrainerSettings t)
    {
        var (channels, side) = t.Dataset == DatasetCatalog.Cifar10Name ? (3.0, 32.0) : (1.0, 28.0);
        double w = t.Width, classes = 10;
        return t.Architecture switch
        {
            Architecture.Mlp => channels * side * side * w + (t.Depth - 1) * w * w + w * classes,
            Architecture.Cnn => 9 * channels * w + 9 * w * w + w * (side / 4) * (side / 4) * classes,
            // 3 blocks of 3 convolutions, widths w, 2w, 4w.
            Architecture.Vgg => 9 * (channels * w + 2 * w * w) + 9 * (2 * w * w + 2 * 4 * w * w) + 9 * (8 * w * w + 2 * 16 * w * w)
                                + 4 * w * (side / 8) * (side / 8) * classes,
            // a stem and 3 stages of 3 residual blocks (2 convolutions each), widths w, 2w, 4w.
            Architecture.ResNet => 9 * channels * w + 6 * 9 * (w * w + 4 * w * w + 16 * w * w) + 4 * w * classes,
            _ => 0,
        };
    }

    private static string GiB(double bytes) => $"{bytes / (1L << 30):G3} GiB";
}

/// <summary>
/// Images per split of a data set: Fashion-MNIST's official 60,000 / 10,000; CIFAR-10 counted from its binary batches
/// (3,073-byte records) when the data folder holds them, else the official 50,000 / 10,000.
/// </summary>
public static class DatasetSizes
{
    private const int Cifar10RecordLength = 1 + 3 * 32 * 32;

    public static (long Train, long Test) Of(string dataset, string? dataDirectory)
    {
        if (dataset != DatasetCatalog.Cifar10Name) return (60_000, 10_000);
        string? folder = dataDirectory is null ? null : Path.Combine(dataDirectory, Cifar10.FolderName);
        if (folder is null || !Directory.Exists(folder)) return (50_000, 10_000);
        long Records(IEnumerable<string> files) =>
            files.Select(f => new FileInfo(f)).Where(f => f.Exists).Sum(f => f.Length / Cifar10RecordLength);
        long train = Records(Enumerable.Range(1, 5).Select(k => Path.Combine(folder, $"data_batch_{k}.bin")));
        long test = Records([Path.Combine(folder, "test_batch.bin")]);
        return (train > 0 ? train : 50_000, test > 0 ? test : 10_000);
    }
}
