using System.Diagnostics;
using Repro.Pipeline;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Runs;

namespace Repro.Cli.Progress;

/// <summary>
/// Trains a list of planned runs one after another through a display, and tells how each ended. A run that throws
/// (other than on bad input, which stops everything) is reported as failed and the others go on (over hours, one bad run must not cost the rest); the exit code says
/// what happened: 1 if any failed, else 75 if any stopped on the time budget, else 0.
/// </summary>
public static class RunSession
{
    public const int PartialExitCode = 75;

    /// <param name="budget">A time budget (<c>--time-budget</c>): once spent, the run in progress checkpoints and ends
    /// partial, and the rest are not started. The first run to train always starts, so that every invocation makes
    /// progress even when start-up alone spent the budget (the trainer then takes at least one step).</param>
    public static int Run(Workspace workspace, IReadOnlyList<PlanItem> items, IRunsDisplay display, CancellationToken budget = default)
    {
        var clock = Stopwatch.StartNew();
        var reports = new List<RunReport>();
        display.Around(() =>
        {
            for (int i = 0; i < items.Count; i++)
            {
                bool trainedBefore = reports.Any(r => r.End != RunEnd.Cached);
                reports.Add(Execute(workspace, items[i], display.Begin(i + 1, items.Count, items[i]), display.Log, budget, trainedBefore));
            }
        });
        display.Summary(reports, clock.Elapsed);
        return reports.Any(r => r.End == RunEnd.Failed) ? 1 : reports.Any(r => r.End is RunEnd.Partial or RunEnd.NotStarted) ? PartialExitCode : 0;
    }

    private static RunReport Execute(Workspace workspace, PlanItem item, IRunBar bar, TextWriter log, CancellationToken budget, bool trainedBefore)
    {
        if (budget.IsCancellationRequested && trainedBefore && !workspace.Store.Contains(item.Key.Value))
        {
            var untouched = new RunReport(item, RunEnd.NotStarted, TimeSpan.Zero, "the time budget was spent before its turn; the next invocation trains it");
            bar.End(untouched);
            return untouched;
        }
        var clock = Stopwatch.StartNew();
        RunReport report;
        try
        {
            bool trained = workspace.Execute(item, log, bar.Row, budget);
            report = new RunReport(item, !trained ? RunEnd.Cached : Diverged(workspace, item) ? RunEnd.Diverged : RunEnd.Trained, clock.Elapsed);
        }
        catch (RunStoppedException e)
        {
            log.WriteLine(e.Message);
            report = new RunReport(item, RunEnd.Partial, clock.Elapsed, e.Message);
        }
        catch (Exception e) when (!IsBadInput(e) && e is not OutOfMemoryException)
        {
            report = new RunReport(item, RunEnd.Failed, clock.Elapsed, e.Message);
        }
        bar.End(report);
        return report;
    }

    /// <summary>Bad input (a missing data set, a bad setting) fails every run alike: stop at once with one line and exit 2.</summary>
    private static bool IsBadInput(Exception e) =>
        e is ArgumentException or DirectoryNotFoundException or Repro.Core.Data.DataFormatException or Repro.Pipeline.Specs.SpecException;

    private static bool Diverged(Workspace workspace, PlanItem item) =>
        workspace.Store.Find(item.Key.Value) is { } entry && OutcomeFile.Load(entry.Directory).Diverged;
}
