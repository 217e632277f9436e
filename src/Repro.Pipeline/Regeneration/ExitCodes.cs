namespace Repro.Pipeline.Regeneration;

/// <summary>
/// The exit codes of every <c>repro</c> command, and the one place that reads them: Cake, the nightly, Slurm and
/// <c>repro run --workers</c> ask this table what a code means instead of keeping a table of their own.
/// </summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>The work itself failed (a run threw, an artifact could not be made); the last line says what.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an experiment file, a flag, an environment variable; one line names it.</summary>
    public const int BadInput = 2;

    /// <summary><c>repro merge</c>: the good entries were imported, some damaged ones skipped (named on stderr).</summary>
    public const int SomeSkipped = 3;

    /// <summary>EX_TEMPFAIL (sysexits.h): stopped at the time budget, the run in progress checkpointed; rerun to resume.</summary>
    public const int Stopped = 75;

    /// <summary>128 + SIGINT: Ctrl-C; the run in progress checkpointed.</summary>
    public const int Interrupted = 130;

    /// <summary>128 + SIGTERM: a time limit, preemption or a cancelled job; the run in progress checkpointed.</summary>
    public const int Terminated = 143;

    /// <summary>Every code with its name, for documentation and messages.</summary>
    public static readonly IReadOnlyDictionary<int, string> Names = new Dictionary<int, string>
    {
        [Success] = "success",
        [Failed] = "failed",
        [BadInput] = "bad input",
        [SomeSkipped] = "merged, some entries skipped",
        [Stopped] = "stopped at the time budget (resumable)",
        [Interrupted] = "interrupted by SIGINT (resumable)",
        [Terminated] = "terminated by SIGTERM (resumable)",
    };

    public static string Describe(int code) => Names.TryGetValue(code, out var name) ? $"exit {code}, {name}" : $"exit {code}";

    /// <summary>Stopped or signalled with the run in progress checkpointed: not a failure, the next invocation resumes.</summary>
    public static bool IsResumable(int code) => code is Stopped or Interrupted or Terminated;

    /// <summary>Neither success nor resumable: the work failed (or its input was bad).</summary>
    public static bool IsFailure(int code) => code != Success && !IsResumable(code);

    /// <summary>
    /// One code for several processes' codes (the workers of a batch): the first failure's code, else the first
    /// signal's (130/143), else <see cref="Stopped"/> when any stopped at the budget, else <see cref="Success"/>.
    /// </summary>
    public static int Combine(IEnumerable<int> codes)
    {
        var all = codes.ToList();
        if (all.FirstOrDefault(IsFailure) is var failure && failure != Success) return failure;
        if (all.FirstOrDefault(c => c is Interrupted or Terminated) is var signalled && signalled != Success) return signalled;
        return all.Contains(Stopped) ? Stopped : Success;
    }
}
