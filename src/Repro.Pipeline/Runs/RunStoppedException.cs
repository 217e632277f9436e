namespace Repro.Pipeline.Runs;

/// <summary>
/// A run stopped when asked (a time budget spent, a signal) at a step boundary, checkpointed in <see cref="Folder"/>:
/// not a failure, and not a finished run (nothing is published). The next invocation of the same run resumes from
/// that checkpoint. Who asked says why.
/// </summary>
public sealed class RunStoppedException(string folder, long step, long steps)
    : Exception($"stopped at step {step} of {steps}; checkpointed in {folder}, the next invocation resumes")
{
    public string Folder { get; } = folder;

    public long Step { get; } = step;

    public long Steps { get; } = steps;
}
