namespace Repro.Core;

/// <summary>How a run ended. Divergence is a result to record, never an exception.</summary>
public sealed record TrainingOutcome(bool Diverged, int StepsRun, int? DivergedAtStep)
{
    public static TrainingOutcome Completed(int stepsRun) => new(false, stepsRun, null);
    public static TrainingOutcome DivergedAt(int step) => new(true, step, step);
}
