using Repro.Core.Training;
using Repro.Pipeline.Planning;

namespace Repro.Cli.Progress;

/// <summary>
/// What a person sees while <c>repro run</c> works through its runs: run i of N, a bar per run with steps/s and time
/// left, and a closing table. <see cref="ForConsole"/> picks a live display on a terminal and plain lines in CI or
/// when output is redirected (logs stay readable over hours).
/// </summary>
public interface IRunsDisplay
{
    /// <summary>Runs <paramref name="body"/> (the loop over runs) inside the display.</summary>
    void Around(Action body);

    /// <summary>Where the pipeline's own messages go while the display is live.</summary>
    TextWriter Log { get; }

    /// <summary>Run <paramref name="index"/> (1-based) of <paramref name="count"/> starts.</summary>
    IRunBar Begin(int index, int count, PlanItem item);

    /// <summary>The closing table: trained, cached, diverged, failed and partial runs, with wall time.</summary>
    void Summary(IReadOnlyList<RunReport> reports, TimeSpan wall);

    public static IRunsDisplay ForConsole() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? new TerminalRunsDisplay()
            : new PlainRunsDisplay(Console.Out);
}

/// <summary>One run's bar.</summary>
public interface IRunBar
{
    void Row(MetricsRow row);

    void End(RunReport report);
}
