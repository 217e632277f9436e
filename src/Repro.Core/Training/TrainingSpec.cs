using Repro.Core.Curvature;
using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;

namespace Repro.Core.Training;

/// <summary>
/// Everything that defines one training run, as data: the pipeline builds it from YAML, <c>repro train</c> from flags.
/// Steps is the update budget; metrics rows are taken at steps 0, 1, …, Steps (every MetricsEvery for minibatch runs).
/// </summary>
public sealed record TrainingSpec(
    string Dataset,
    int TrainSize,
    int TestSize,
    ModelSpec Model,
    LossKind Loss,
    OptimizerSpec Optimizer,
    int Steps,
    int Seed)
{
    /// <summary>Take the training subset balanced over classes (drawn with Seed) instead of the first TrainSize images.</summary>
    public bool ClassBalanced { get; init; }

    /// <summary>
    /// The last this many images of the training subset are held out as a validation split (standardised with the
    /// statistics of the rest, never trained on, accuracy recorded with the test accuracy); 0 holds none out.
    /// </summary>
    public int ValidationSize { get; init; }

    /// <summary>Curvature hooks every this many steps; 0 turns them off.</summary>
    public int CurvatureEvery { get; init; }

    /// <summary>Test accuracy and ‖θ − θ₀‖ every this many steps; 0 means CurvatureEvery, or 100 when that is 0 too.</summary>
    public int EvaluateEvery { get; init; }

    /// <summary>
    /// Minibatch runs record the full training loss and accuracy (batch norm in eval mode) every this many steps;
    /// full-batch runs record every step from the training forward pass itself.
    /// </summary>
    public int MetricsEvery { get; init; } = 1;

    /// <summary>Checkpoint every this many steps (and at the end) when the trainer has a checkpoint folder; 0 only at the end.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>What each curvature measurement computes beyond λ₁ and v₁ (everything unless asked otherwise).</summary>
    public CurvatureMeasures CurvatureMeasures { get; init; } = CurvatureMeasures.All;

    /// <summary>Examples of the training subset the Hessian is measured on (the first ones); 0 means all of them.</summary>
    public int HessianSize { get; init; }

    /// <summary>Rademacher probes for a Hutchinson estimate of the Hessian trace at each curvature measurement; 0 turns it off.</summary>
    public int TraceProbes { get; init; }

    /// <summary>Batch norm in every Hessian-vector product: running statistics (eval, the default) or each chunk's own (train).</summary>
    public HessianMode HessianMode { get; init; } = HessianMode.Eval;

    /// <summary>Keep θ every this many steps and, when the run ends, record ‖θ_t − θ*‖₂ to the final iterate θ*; 0 turns it off.</summary>
    public int DistanceToFinalEvery { get; init; }

    /// <summary>Where the model and data live; CPU unless asked (see <see cref="TorchDevice"/>).</summary>
    public DeviceKind Device { get; init; } = DeviceKind.Cpu;

    /// <summary>The default of <see cref="DivergenceBound"/>, here and in the run schema (it enters run keys through the schema).</summary>
    public const double DefaultDivergenceBound = 1e8;

    /// <summary>A finite training loss above this counts as divergence too.</summary>
    public double DivergenceBound { get; init; } = DefaultDivergenceBound;

    /// <summary>Stop once the training accuracy reaches this at two measurements in a row; above 1 never stops early.</summary>
    public double StopAtTrainAccuracy { get; init; } = 0.999;

    public Standardisation Standardisation =>
        Model.Architecture == Architecture.Mlp ? Standardisation.PerFeature : Standardisation.PerChannel;

    public int EffectiveEvaluateEvery => EvaluateEvery > 0 ? EvaluateEvery : CurvatureEvery > 0 ? CurvatureEvery : 100;

    public bool FullBatch => Optimizer.BatchSize is null || Optimizer.BatchSize >= TrainSize;
}
