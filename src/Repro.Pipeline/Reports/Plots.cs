using System.Globalization;
using Repro.Pipeline.Frames;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports;

/// <summary>Small helpers the training-run renderers share: reading a run's measured series, naming its setup, summarising seeds.</summary>
public static class Plots
{
    public static double Lr(RunResult run) => run.Run.Config.Number("lr");

    public static string G(double x) => x.ToString("G3", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("F1", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>The steps where <paramref name="column"/> was measured (finite), and its values there.</summary>
    public static (double[] Steps, double[] Values) Measured(RunResult run, string column)
    {
        if (!run.Metrics.Columns.Any(c => c.Name == column)) return ([], []);
        var steps = MetricsCsv.Doubles(run.Metrics, MetricColumns.Step);
        var values = MetricsCsv.Doubles(run.Metrics, column);
        var kept = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).ToArray();
        return (kept.Select(i => steps[i]).ToArray(), kept.Select(i => values[i]).ToArray());
    }

    /// <summary>The last finite measurement of <paramref name="column"/>, NaN if there is none.</summary>
    public static double Last(RunResult run, string column) => Measured(run, column).Values is [.., var last] ? last : double.NaN;

    /// <summary>The first finite measurement of <paramref name="column"/> (λ₁(θ₀) for sharpness), NaN if there is none.</summary>
    public static double First(RunResult run, string column) => Measured(run, column).Values is [var first, ..] ? first : double.NaN;

    /// <summary>The first measured step where λ₁ ≥ 2/η: the boundary between the stable and the unstable phase; null if never.</summary>
    public static double? EdgeReachedAt(RunResult run)
    {
        var (steps, sharpness) = Measured(run, MetricColumns.Sharpness);
        double edge = 2 / Lr(run);
        int i = Array.FindIndex(sharpness, s => s >= edge);
        return i >= 0 ? steps[i] : null;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Mean and sample standard deviation (0 for a single value).</summary>
    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (double.NaN, double.NaN);
        double mean = values.Average();
        double std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return (mean, std);
    }

    /// <summary>What a researcher would call the run's setup, e.g. "VGG-style, width 8 — CIFAR-10 (JPEG-decoded subset), 256 images".</summary>
    public static string Setup(RunConfig config) => $"{Model(config)} — {Data(config)}";

    public static string Model(RunConfig config) => config.Text("model") switch
    {
        "mlp" => $"MLP {config.Integer("depth")}×{config.Integer("width")} {(config.Text("activation") == "relu" ? "ReLU" : config.Text("activation"))}",
        "cnn" => $"CNN, {config.Integer("width")} channels",
        "vgg" => $"VGG-style, width {config.Integer("width")}",
        "resnet" => $"ResNet-20-style, width {config.Integer("width")}",
        var other => other,
    };

    public static string Data(RunConfig config) => $"{DatasetName(config.Text("dataset"))}, {config.Integer("train_size")} images";

    public static string LossName(RunConfig config) => config.Text("loss") == "mse" ? "MSE" : "cross-entropy";

    /// <summary>The data set as figures must name it: our CIFAR-10 copy is decoded from JPEGs (see the data folder's README).</summary>
    public static string DatasetName(string dataset) => dataset switch
    {
        "fashion-mnist" => "Fashion-MNIST",
        "cifar10" => "CIFAR-10 (JPEG-decoded subset)",
        var other => other,
    };

    /// <summary>The run groups in declaration order, each with its runs.</summary>
    public static IReadOnlyList<IGrouping<string, RunResult>> ByGroup(IReadOnlyList<RunResult> runs) =>
        runs.GroupBy(r => r.Run.Group).ToList();   // GroupBy keeps the order of first appearance
}
