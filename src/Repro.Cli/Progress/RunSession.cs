using System.Diagnostics;
using Repro.Pipeline;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Runs;

namespace Repro.Cli.Progress;

/// <summary>
/// Trains a list of planned runs one after another through a display, and tells how each ended. A run that throws
/// (other than on bad input, which stops everything) is reported as failed and the others go on (over hours, one bad run must not cost the rest); the exit code says
/// what happened: 1 if any failed, else 75 if any stopped on the time budget or was not started, else 0 (a command
/// stopped by a signal exits with the signal's code instead, see <see cref="Commands.Interruption"/>).
/// </summary>
public static class RunSession
{
    public const int PartialExitCode = Repro.Pipeline.Regeneration.ExitCodes.Stopped;

    /// <param name="budget">A time budget (<c>--time-budget</c>): once spent, the run in progress checkpoints and ends
    /// partial, and the rest are not started. The first run to train always starts, so that every invocation makes
    /// progress even when start-up alone spent the budget (the trainer then takes at least one step).</param>
    /// <param name="interrupted">A signal (Ctrl-C, SIGTERM): the run in progress checkpoints and ends partial, and no
    /// other run starts, not even a first one.</param>
    /// <param name="checkpointInterval">Wall time between checkpoints; null for the trainer's default.</param>
    public static int Run(Workspace workspace, IReadOnlyList<PlanItem> items, IRunsDisplay display,
        CancellationToken budget = default, CancellationToken interrupted = default, TimeSpan? checkpointInterval = null)
    {
        var clock = Stopwatch.StartNew();
        var reports = new List<RunReport>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(budget, interrupted);
        display.Around(() =>
        {
            bool trainedBefore = false;
            for (int i = 0; i < items.Count; i++)
            {
                var bar = display.Begin(i + 1, items.Count, items[i]);
                var report = NotStarted(workspace, items[i], budget, interrupted, trainedBefore) is { } reason
                    ? new RunReport(items[i], RunEnd.NotStarted, TimeSpan.Zero, reason)
                    : Execute(workspace, items[i], bar, display.Log, stop.Token, checkpointInterval);
                bar.End(report);
                reports.Add(report);
                trainedBefore |= report.End != RunEnd.Cached;
            }
        });
        display.Summary(reports, clock.Elapsed);
        return reports.Any(r => r.End == RunEnd.Failed) ? 1 : reports.Any(r => r.End is RunEnd.Partial or RunEnd.NotStarted) ? PartialExitCode : 0;
    }

    // Why a run is not started, or null to go ahead. A run already in the store is reported as cached all the same.
    private static string? NotStarted(Workspace workspace, PlanItem item, CancellationToken budget, CancellationToken interrupted, bool trainedBefore)
    {
        if (!interrupted.IsCancellationRequested && !(budget.IsCancellationRequested && trainedBefore)) return null;
        if (workspace.Store.Contains(item.Key.Value)) return null;
        return interrupted.IsCancellationRequested
            ? "interrupted before its turn; the next invocation trains it"
            : "the time budget was spent before its turn; the next invocation trains it";
    }

    private static RunReport Execute(Workspace workspace, PlanItem item, IRunBar bar, TextWriter log, CancellationToken stop, TimeSpan? checkpointInterval)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            bool trained = workspace.Execute(item, log, bar.Row, stop, checkpointInterval);
            return new RunReport(item, !trained ? RunEnd.Cached : Diverged(workspace, item) ? RunEnd.Diverged : RunEnd.Trained, clock.Elapsed);
        }
        catch (RunStoppedException e)
        {
            log.WriteLine(e.Message);
            return new RunReport(item, RunEnd.Partial, clock.Elapsed, e.Message);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while another process held the run's lock: nothing of it was touched.
            return new RunReport(item, RunEnd.NotStarted, clock.Elapsed, "stopped while another process was training it; the next invocation trains it if that one did not");
        }
        catch (Exception e) when (!IsBadInput(e) && e is not OutOfMemoryException)
        {
            return new RunReport(item, RunEnd.Failed, clock.Elapsed, e.Message);
        }
    }

    /// <summary>Bad input (a missing data set, a bad setting) fails every run alike: stop at once with one line and exit 2.</summary>
    private static bool IsBadInput(Exception e) =>
        e is ArgumentException or DirectoryNotFoundException or Repro.Core.Data.DataFormatException or Repro.Pipeline.Specs.SpecException;

    private static bool Diverged(Workspace workspace, PlanItem item) =>
        workspace.Store.Find(item.Key.Value) is { } entry && OutcomeFile.Load(entry.Directory).Diverged;
}
