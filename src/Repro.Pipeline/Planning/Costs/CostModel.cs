using Repro.Core.Data;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// CPU seconds a run should take on the calibrating machine, from its typed settings (<see cref="RunSettings"/>) and a <see cref="CostCalibration"/>.
/// On a quiet machine its wall time lies between that divided by the thread count and that (so as a job budget it errs
/// long).
/// It charges the full step budget (a run that reaches its accuracy target or diverges stops earlier, so this is an
/// upper bound for those), and for each step what the trainer does then:
/// <list type="bullet">
/// <item>forward and backward on the batch (the whole training subset for full-batch runs), and what the optimizer's
/// update adds over GD's (Adam and Clipped-Ada make several passes over every parameter tensor);</item>
/// <item>minibatch runs: drawing each batch, and a forward pass over the whole training subset every <c>metrics_every</c> steps;</item>
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

    /// <summary>The run's CPU seconds, from its typed settings and the trainer's own reading of them (<see cref="TrainingSpec"/>).</summary>
    public double EstimateSeconds(RunSettings run)
    {
        if (!run.IsTrainerRun)
            return (calibration.DiagonalRunOverheadSeconds ?? 0) + run.Steps * calibration.DiagonalStepSeconds;
        if (!calibration.Models.TryGetValue(run.ModelName, out var cost))
            throw new InvalidDataException($"the cost calibration has no entry for model '{run.ModelName}'; run `repro bench calibrate`");
        // The trainer's defaults (full batch, the evaluation interval, the Hessian subset) as the trainer reads them.
        var spec = run.TrainingSpec();
        double scale = Scale(cost, spec);
        double stepPerExample = cost.StepSecondsPerExample * scale;
        double forwardPerExample = cost.ForwardSecondsPerExample * scale;
        long train = spec.TrainSize;
        long batch = spec.FullBatch ? train : spec.Optimizer.BatchSize!.Value;

        double seconds = (cost.RunOverheadSeconds ?? calibration.RunOverheadSeconds)
                         + spec.Steps * (cost.StepOverheadSeconds + UpdateSeconds(spec.Optimizer.Kind) + batch * stepPerExample);
        if (batch < train)
            seconds += spec.Steps * (calibration.MinibatchStepSeconds ?? 0) + Occurrences(spec.Steps, spec.MetricsEvery) * train * forwardPerExample;
        seconds += Occurrences(spec.Steps, spec.EffectiveEvaluateEvery) * spec.TestSize * forwardPerExample;
        if (spec.CurvatureEvery > 0)
        {
            long hessian = spec.HessianSize > 0 ? Math.Min(spec.HessianSize, train) : train;
            double share = MeasurementShare(spec.CurvatureMeasures, spec.Optimizer.Kind);
            double gradients = (cost.CurvatureGradientEquivalents ?? calibration.CurvatureGradientEquivalents) * share
                               + spec.TraceProbes * calibration.HvpGradientEquivalents;
            double fixedSeconds = share * CalibratedMeasurementProducts * (cost.CurvatureSecondsPerProduct ?? 0);
            seconds += Occurrences(spec.Steps, spec.CurvatureEvery) * (gradients * hessian * stepPerExample + fixedSeconds);
        }
        return seconds;
    }

    /// <summary>The same run on the reference GPU, or null when no GPU was measured.</summary>
    public double? EstimateGpuSeconds(RunSettings run) =>
        calibration.ReferenceGpu is { } gpu ? EstimateSeconds(run) / gpu.SpeedupOverCalibration : null;

    /// <summary>
    /// What an optimizer's update adds to a step over GD's: nothing for GD (the models' step costs are GD's); the
    /// calibrated cost for the others. A calibration older than the optimizer table adds nothing (the stated fallback,
    /// see <see cref="CostCalibration"/>); a table that lacks this optimizer is an error, not a silent 0.
    /// </summary>
    private double UpdateSeconds(OptimizerKind optimizer)
    {
        if (optimizer == OptimizerKind.Gd || calibration.OptimizerStepSeconds is not { } table) return 0;
        string name = RunChoices.Optimizers.NameOf(optimizer);
        return table.TryGetValue(name, out double seconds)
            ? seconds
            : throw new InvalidDataException($"the cost calibration has no update cost for optimizer '{name}'; run `repro bench calibrate`");
    }

    /// <summary>Hessian-vector products of the calibrated measurement (λ₁, λ₂, λ_min and the subspace) at the edge of stability.</summary>
    private const double CalibratedMeasurementProducts = 17;

    /// <summary>
    /// A measurement of <paramref name="measures"/> as a share of the calibrated one (λ₁, λ₂, λ_min and the subspace), by
    /// their Hessian-vector products at the edge of stability, each stopped at its tolerance from the previous vectors
    /// (docs/benchmarks.md, "what each quantity costs on its own"): λ₁ alone a median 12, with λ₂ (which the subspace
    /// needs) 16, with λ_min too 17 (λ_min without λ₂ is charged as all three); the preconditioned λ₁ is a Lanczos run of its
    /// own started cold, charged as a cold λ₁, 12 more, for an optimizer with a diagonal preconditioner (the others have
    /// none to measure).
    /// </summary>
    internal static double MeasurementShare(CurvatureMeasures measures, OptimizerKind optimizer)
    {
        double products = measures.HasFlag(CurvatureMeasures.LambdaMin) ? 17
                          : measures.HasFlag(CurvatureMeasures.Lambda2) || measures.HasFlag(CurvatureMeasures.Subspace) ? 16
                          : 12;
        if (measures.HasFlag(CurvatureMeasures.PreconditionedLambda1) && optimizer is OptimizerKind.RmsProp or OptimizerKind.Adam or OptimizerKind.ClippedAda)
            products += 12;
        return products / CalibratedMeasurementProducts;
    }

    /// <summary>Steps 0, k, 2k, … up to and including the last: how often an every-k measurement happens.</summary>
    private static long Occurrences(long steps, long every) => every > 0 ? steps / every + 1 : 0;

    /// <summary>This run's cost per example relative to the calibrated setup of its model.</summary>
    private static double Scale(ModelCost cost, TrainingSpec spec)
    {
        var (channels, area) = InputShape(spec.Dataset);
        var (calibratedChannels, calibratedArea) = InputShape(cost.Dataset);
        int width = spec.Model.Width;
        if (spec.Model.Architecture == Architecture.Mlp)
            return MlpWeights(channels * area, spec.Model.Depth, width) / MlpWeights(calibratedChannels * calibratedArea, cost.Depth, cost.Width);
        double widthRatio = (double)width / cost.Width;
        return widthRatio * widthRatio * area / calibratedArea;
    }

    private static double MlpWeights(int inputs, int depth, int width) => (double)inputs * width + (depth - 1.0) * width * width + width * 10.0;

    /// <summary>Numbers per image of a data set (channels × pixels).</summary>
    internal static int InputSize(string dataset) => InputShape(dataset) is var (channels, area) ? channels * area : 0;

    /// <summary>Channels and pixels per image of each data set.</summary>
    private static (int Channels, int Area) InputShape(string dataset) => DatasetCatalog.Canonical(dataset) switch
    {
        DatasetCatalog.FashionMnistName => (1, 28 * 28),
        DatasetCatalog.Cifar10Name => (3, 32 * 32),
        var other => throw new ArgumentException($"no input shape known for data set '{other}'"),
    };
}
