namespace Repro.Core.Optimizers;

/// <summary>η_t = η·min(1, t / warm-up steps) for step t = 1, 2, …; no warm-up gives η throughout.</summary>
public sealed record LinearWarmup(double LearningRate, int WarmupSteps)
{
    public double At(long step) =>
        WarmupSteps <= 0 || step >= WarmupSteps ? LearningRate : LearningRate * step / WarmupSteps;
}
