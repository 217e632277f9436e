namespace Repro.Core.Training;

/// <summary>The rows of this session (after ResumedFromStep when resumed), why it stopped and where.</summary>
public sealed record TrainingResult(IReadOnlyList<MetricsRow> Rows, StopReason Reason, long FinalStep, long? ResumedFromStep)
{
    /// <summary>The step whose loss was non-finite or beyond the bound, when the run diverged.</summary>
    public long? DivergedAtStep => Reason == StopReason.Diverged ? FinalStep : null;
}
