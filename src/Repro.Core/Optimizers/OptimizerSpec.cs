namespace Repro.Core.Optimizers;

/// <summary>
/// An optimizer and its hyper-parameters. BatchSize null means full batch (required for GD, optional for the
/// others). WarmupSteps &gt; 0 ramps η linearly from η/WarmupSteps to η.
/// </summary>
public sealed record OptimizerSpec(
    OptimizerKind Kind,
    double LearningRate,
    int? BatchSize = null,
    double Momentum = 0,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Alpha = 0.99,
    double Epsilon = 1e-8,
    double ClipBound = 1,
    ClipSide ClipSide = ClipSide.Upper,
    int WarmupSteps = 0)
{
    public LinearWarmup Schedule => new(LearningRate, WarmupSteps);
}
