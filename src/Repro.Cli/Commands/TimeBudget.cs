using System.CommandLine;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>--time-budget SECONDS</c> on <c>repro run</c> and <c>repro train</c>: once the budget is spent, the run in progress
/// checkpoints at its next step boundary and the command exits with <see cref="ExitCode"/> ("stopped, resumable");
/// the same command run again resumes and ends byte for byte as a run that was never stopped.
/// </summary>
public static class TimeBudget
{
    /// <summary>EX_TEMPFAIL from sysexits.h: try again later.</summary>
    public const int ExitCode = Repro.Pipeline.Regeneration.ExitCodes.Stopped;

    public static readonly Option<double?> Option = new("--time-budget")
    {
        Description = $"Seconds of wall time (from the start of the command); past it, checkpoint at the next step boundary and exit {ExitCode}. Rerun to resume.",
    };

    /// <summary>A token cancelled when the budget is spent (saying so on <paramref name="log"/>); never cancelled without a budget.</summary>
    public static CancellationTokenSource Start(ParseResult parse, TextWriter log)
    {
        if (parse.GetValue(Option) is not { } seconds)
            return new CancellationTokenSource();
        // A timer runs at most 2^32 - 2 ms (49.7 days); past it .NET threw "Parameter 'delay'", and 1e300 s overflowed TimeSpan.
        const double MaxSeconds = 4_294_967;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > MaxSeconds)
            throw new ArgumentException($"--time-budget: must be a number of seconds from 0 to {MaxSeconds} (49 days), got {seconds:G}");
        var budget = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        budget.Token.Register(() => log.WriteLine($"time budget of {seconds:G} s spent: the run in progress checkpoints at its next step boundary"));
        return budget;
    }
}
