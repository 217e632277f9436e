namespace Repro.Core.Training;

public enum StopReason
{
    StepBudget,
    TrainAccuracyReached,
    Diverged,
    Cancelled,
}
