using Repro.Core.Models;
using Repro.Core.Training;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// A run's peak resident memory (bytes), from its typed settings (<see cref="RunSettings"/>) and the memory calibration:
/// <code>
/// peak = base + scale × max(bytes per step image × step images, bytes per Hessian image × Hessian chunk images,
///                           bytes per forward image × evaluation images) + 4 bytes × input size × images held
/// </code>
/// <list type="bullet">
/// <item>base and bytes per image are the model's, fitted from measured runs (<see cref="ModelMemory"/>);</item>
/// <item>step images: the batch (the whole training subset for full-batch runs); Hessian chunk images: where curvature
/// is measured, the Hessian set up to its chunk size (<see cref="HessianSet.ChunkSizeFor"/>); evaluation images: the
/// test subset, and for minibatch runs the training subset too (its metrics pass): an evaluation pass runs without a
/// graph, in chunks, but holds every chunk's activations until the pass ends;</item>
/// <item>scale: a model at another width or data set than it was fitted at keeps activations ∝ width × input size (an
/// MLP's are mostly its input, so for it this errs high);</item>
/// <item>images held: the training and test subsets, standardised float32 tensors for the whole run.</item>
/// </list>
/// A diagonal-network run is the calibration's fixed figure. The stated fallbacks (<see cref="MemoryEstimate.Fallback"/>):
/// no memory calibration at all → <see cref="UncalibratedBytes"/>; a model the calibration lacks → the coefficients of
/// the calibrated model with the most bytes per step image.
/// </summary>
public sealed class MemoryModel(MemoryCalibration? calibration)
{
    private const double GiB = 1024.0 * 1024 * 1024;

    /// <summary>Without a memory calibration: 7 GiB, what a paper-profile CIFAR-10 run was once assumed to need.</summary>
    public const double UncalibratedBytes = 7 * GiB;

    /// <summary>
    /// A Hessian chunk's memory per image over a training step's, for a model whose own was not measured: 6, above the
    /// largest measured (VGG 5.6, MLP 2.5).
    /// </summary>
    public const double HessianPassFactor = 6;

    /// <summary>
    /// An evaluation pass's memory per image over a training step's, for a model whose own was not measured: 0.5, above
    /// the measured (VGG 0.26).
    /// </summary>
    public const double ForwardPassFactor = 0.5;

    /// <summary>The largest estimated peak of <paramref name="runs"/> (what a worker that may get any of them needs), or null when there are none.</summary>
    public double? EstimatePeakOfLargest(IEnumerable<RunSettings> runs) =>
        runs.Select(r => (double?)EstimatePeak(r).Bytes).Max();

    public MemoryEstimate EstimatePeak(RunSettings run)
    {
        if (calibration is null) return new(UncalibratedBytes, "no memory calibration: 7 GiB");
        if (!run.IsTrainerRun) return new(calibration.DiagonalBytes);
        string? fallback = null;
        if (!calibration.Models.TryGetValue(run.ModelName, out var memory))
        {
            if (calibration.Models.Count == 0) return new(UncalibratedBytes, "no model in the memory calibration: 7 GiB");
            var largest = calibration.Models.MaxBy(m => m.Value.BytesPerStepImage);
            memory = largest.Value;
            fallback = $"model '{run.ModelName}' has no memory calibration: {largest.Key}'s";
        }
        var spec = run.TrainingSpec();
        double pass = memory.BytesPerStepImage * (spec.FullBatch ? spec.TrainSize : spec.Optimizer.BatchSize!.Value);
        if (spec.CurvatureEvery > 0)
        {
            int hessian = spec.HessianSize > 0 ? Math.Min(spec.HessianSize, spec.TrainSize) : spec.TrainSize;
            double perImage = memory.BytesPerHessianImage ?? HessianPassFactor * memory.BytesPerStepImage;
            pass = Math.Max(pass, perImage * Math.Min(hessian, HessianSet.ChunkSizeFor(spec.Model.Architecture)));
        }
        double evaluated = spec.FullBatch ? spec.TestSize : Math.Max(spec.TestSize, spec.TrainSize);
        pass = Math.Max(pass, (memory.BytesPerForwardImage ?? ForwardPassFactor * memory.BytesPerStepImage) * evaluated);
        int input = CostModel.InputSize(spec.Dataset);
        double scale = (double)spec.Model.Width / memory.Width * input / CostModel.InputSize(memory.Dataset);
        double held = 4.0 * input * (spec.TrainSize + spec.TestSize);
        return new(memory.BaseBytes + scale * pass + held, fallback);
    }
}
