namespace Repro.Core.Training;

/// <summary>
/// What one <see cref="Trainer.Run"/> returns: one session of a run (a run resumed from checkpoints takes several), its
/// rows (those after ResumedFromStep when resumed), why it stopped and where.
/// </summary>
public sealed record TrainingSession(IReadOnlyList<MetricsRow> Rows, StopReason Reason, long FinalStep, long? ResumedFromStep)
{
    /// <summary>The step whose loss was non-finite or beyond the bound, when the run diverged.</summary>
    public long? DivergedAtStep => Reason == StopReason.Diverged ? FinalStep : null;
}
