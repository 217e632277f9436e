using System.CommandLine;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>--checkpoint-interval SECONDS</c> on <c>repro run</c> and <c>repro train</c>: wall time between checkpoints
/// (default 1,800; 0 for none beyond the run's own <c>checkpoint_every</c>), so that a run killed outright (the OOM
/// killer, a lost node, a signal past its grace period) loses at most that much. Not part of any run key: a resumed run
/// ends byte for byte as an uninterrupted one, wherever its checkpoints fell.
/// </summary>
public static class CheckpointInterval
{
    private const double MaxSeconds = 1e9;

    public static readonly Option<double?> Option = new("--checkpoint-interval")
    {
        Description = "Seconds of wall time between checkpoints (default 1800; 0: only the run's own checkpoint_every). A run killed outright resumes from the newest.",
    };

    /// <summary>The interval asked for, or null for the trainer's default.</summary>
    public static TimeSpan? Of(ParseResult parse) => parse.GetValue(Option) switch
    {
        null => null,
        { } seconds when seconds is >= 0 and <= MaxSeconds => TimeSpan.FromSeconds(seconds),
        { } seconds => throw new ArgumentException($"--checkpoint-interval: must be a number of seconds from 0 to {MaxSeconds:G}, got {seconds}"),
    };
}
