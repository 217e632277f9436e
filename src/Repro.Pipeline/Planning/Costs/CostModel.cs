using Repro.Core.Data;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// CPU seconds a run should take on the calibrating machine, from its resolved fields and a <see cref="CostCalibration"/>.
/// On a quiet machine its wall time lies between that divided by the thread count and that (so as a job budget it errs
/// long).
/// It charges the full step budget (a run that reaches its accuracy target or diverges stops earlier, so this is an
/// upper bound for those), and for each step what the trainer does then:
/// <list type="bullet">
/// <item>forward and backward on the batch (the whole training subset for full-batch runs), and what the optimizer's
/// update adds over GD's (Adam and Clipped-Ada make several passes over every parameter tensor);</item>
/// <item>minibatch runs: a forward pass over the whole training subset every <c>metrics_every</c> steps;</item>
/// <item>test accuracy (a forward pass over the test subset) every evaluation interval;</item>
/// <item>curvature every <c>curvature_every</c> steps: a calibrated number of gradient-equivalents over the Hessian set,
/// plus one HVP per Hutchinson probe.</item>
/// </list>
/// A model at another width, depth or data set than it was calibrated at is scaled by its arithmetic: an MLP's cost
/// per example by its weight count (one multiply-add per weight forward, two backward), a convolutional net's by
/// width² (a convolution's multiply-adds grow with input × output channels) times image area.
/// </summary>
public sealed class CostModel(CostCalibration calibration)
{
    public CostCalibration Calibration => calibration;

    public double EstimateSeconds(RunConfig config)
    {
        long steps = config.Integer("steps");
        string model = config.Text("model");
        if (!RunFields.IsTrainerModel(model))
            return steps * calibration.DiagonalStepSeconds;
        if (!calibration.Models.TryGetValue(model, out var cost))
            throw new InvalidDataException($"the cost calibration has no entry for model '{model}'; run `repro bench calibrate`");

        double scale = Scale(model, cost, config);
        double stepPerExample = cost.StepSecondsPerExample * scale;
        double forwardPerExample = cost.ForwardSecondsPerExample * scale;
        long train = config.Integer("train_size");
        long batch = config.Integer("batch_size") is > 0 and var b ? Math.Min(b, train) : train;

        double update = calibration.OptimizerStepSeconds?.GetValueOrDefault(config.Text("optimizer")) ?? 0;
        double seconds = calibration.RunOverheadSeconds + steps * (cost.StepOverheadSeconds + update + batch * stepPerExample);
        if (batch < train)
            seconds += Occurrences(steps, config.Integer("metrics_every")) * train * forwardPerExample;
        long curvatureEvery = config.Integer("curvature_every");
        long evaluateEvery = config.Integer("evaluate_every") is > 0 and var e ? e : curvatureEvery > 0 ? curvatureEvery : 100;
        seconds += Occurrences(steps, evaluateEvery) * config.Integer("test_size") * forwardPerExample;
        if (curvatureEvery > 0)
        {
            long hessian = config.Integer("hessian_size") is > 0 and var h ? Math.Min(h, train) : train;
            double gradients = calibration.CurvatureGradientEquivalents + config.Integer("trace_probes") * calibration.HvpGradientEquivalents;
            seconds += Occurrences(steps, curvatureEvery) * gradients * hessian * stepPerExample;
        }
        return seconds;
    }

    /// <summary>The same run on the reference GPU, or null when no GPU was measured.</summary>
    public double? EstimateGpuSeconds(RunConfig config) =>
        calibration.ReferenceGpu is { } gpu ? EstimateSeconds(config) / gpu.SpeedupOverCalibration : null;

    /// <summary>Steps 0, k, 2k, … up to and including the last: how often an every-k measurement happens.</summary>
    private static long Occurrences(long steps, long every) => every > 0 ? steps / every + 1 : 0;

    /// <summary>This run's cost per example relative to the calibrated setup of its model.</summary>
    private static double Scale(string model, ModelCost cost, RunConfig config)
    {
        var (channels, area) = InputShape(config.Text("dataset"));
        var (calibratedChannels, calibratedArea) = InputShape(cost.Dataset);
        int width = (int)config.Integer("width");
        if (model == "mlp")
            return MlpWeights(channels * area, (int)config.Integer("depth"), width)
                   / MlpWeights(calibratedChannels * calibratedArea, cost.Depth, cost.Width);
        double widthRatio = (double)width / cost.Width;
        return widthRatio * widthRatio * area / calibratedArea;
    }

    private static double MlpWeights(int inputs, int depth, int width) => (double)inputs * width + (depth - 1.0) * width * width + width * 10.0;

    /// <summary>Channels and pixels per image of each data set.</summary>
    private static (int Channels, int Area) InputShape(string dataset) => DatasetCatalog.Canonical(dataset) switch
    {
        DatasetCatalog.FashionMnistName => (1, 28 * 28),
        DatasetCatalog.Cifar10Name => (3, 32 * 32),
        var other => throw new ArgumentException($"no input shape known for data set '{other}'"),
    };
}
