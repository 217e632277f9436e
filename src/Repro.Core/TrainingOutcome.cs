namespace Repro.Core;

/// <summary>How a run ended. Divergence is a result to record, never an exception.</summary>
public sealed record TrainingOutcome(bool Diverged, int StepsRun, int? DivergedAtStep, string StoppedBy = TrainingOutcome.StepBudget)
{
    public const string StepBudget = "step budget";

    public static TrainingOutcome Completed(int stepsRun, string stoppedBy = StepBudget) => new(false, stepsRun, null, stoppedBy);
    public static TrainingOutcome DivergedAt(int step) => new(true, step, step, "divergence");
}
