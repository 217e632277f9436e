namespace Repro.Pipeline.Runs;

/// <summary>
/// A run stopped by its time budget at a step boundary, checkpointed in <see cref="Folder"/>, or not started because
/// the budget was spent before its turn: not a failure, and not a finished run (nothing is published). The next
/// invocation of the same run resumes from that checkpoint, or trains it.
/// </summary>
public sealed class RunStoppedException : Exception
{
    public RunStoppedException(string folder, long step, long steps)
        : this(folder, step, steps, $"stopped by the time budget at step {step} of {steps}; checkpointed in {folder}, the next invocation resumes")
    {
    }

    private RunStoppedException(string folder, long step, long steps, string message) : base(message)
    {
        Folder = folder;
        Step = step;
        Steps = steps;
    }

    /// <summary>A run whose turn came after the budget was spent: no step taken, nothing written for it.</summary>
    public static RunStoppedException NotStarted(string folder, long steps) =>
        new(folder, 0, steps, "not started: the time budget was spent before its turn; the next invocation trains it");

    public string Folder { get; }

    public long Step { get; }

    public long Steps { get; }
}
