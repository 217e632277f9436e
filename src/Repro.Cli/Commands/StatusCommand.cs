using System.CommandLine;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Regeneration;

namespace Repro.Cli.Commands;

public static class StatusCommand
{
    public static Command Create()
    {
        var summary = new Option<string?>("--summary-markdown")
        {
            Description = "Instead: a Markdown summary of what became of the runs this plan (`repro plan --json`, made before training) listed as missing, and the claims of its artifacts (the nightly's job summary).",
        };
        var reports = new Option<string[]>("--batch-reports")
        {
            Description = "With --summary-markdown: the folders `repro run --report` wrote, one per batch (a planned batch without one counts as failed); without them, a run neither trained nor partial counts as failed.",
            AllowMultipleArgumentsPerToken = true,
        };
        var failIfFailed = new Option<bool>("--fail-if-failed") { Description = "With --summary-markdown: exit 1 after the summary when a batch failed (one line naming them on stderr)." };
        var failUnfetched = new Option<string?>("--fail-unfetched")
        {
            Description = "Instead: when this plan (made before training) left out runs for want of data, one line naming the artifacts not made, and exit 1.",
        };
        var costs = new Option<bool>("--costs")
        {
            Description = "Instead: per kind of run, the spread of measured / estimated seconds over the store's finished runs (CPU time where recorded, else wall time), against the cost model's 1.5× goal; then the same for peak memory, where manifests record it.",
        };
        var command = new Command("status", "Show each artifact and run as cached, missing or stale, and why.")
        {
            CommonOptions.Profile, CommonOptions.Device, summary, reports, failIfFailed, failUnfetched, costs,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            if (parse.GetValue(failUnfetched) is { } planned)
            {
                if (RegenerationPolicy.Unfetched(PlanDocument.Load(planned)) is not { } line) return ExitCodes.Success;
                Console.Error.WriteLine(line);
                return ExitCodes.Failed;
            }
            var workspace = CommonOptions.OpenWorkspace(parse);
            if (parse.GetValue(costs)) return CostLines(workspace);
            if (parse.GetValue(summary) is { } planFile)
            {
                var before = PlanDocument.Load(planFile);
                var batches = parse.GetValue(reports) is { } folders ? BatchReport.Match(before.Batches, folders) : null;
                Console.Write(JobSummary.Markdown(workspace, before, batches));
                var failed = batches?.Where(b => b.Failed).ToList() ?? [];
                if (!parse.GetValue(failIfFailed) || failed.Count == 0) return ExitCodes.Success;
                Console.Error.WriteLine($"failed batches: {string.Join("; ", failed.Select(b => $"batch-{b.Id} ({b.Describe()})"))}");
                return ExitCodes.Failed;
            }
            string? asked = CommonOptions.ProfileOf(parse, workspace);
            Console.WriteLine($"store {workspace.Store.Root}, {workspace.Threads} threads");
            foreach (var spec in workspace.Catalog.Artifacts)
            {
                string profile = asked ?? spec.DefaultProfile;
                var plan = workspace.Plan(spec, profile);
                int cached = plan.Count(p => p.Status == RunStatus.Cached);
                Console.WriteLine($"{spec.Artifact} ({profile}): {cached}/{plan.Count} cached");
                foreach (var item in plan)
                {
                    string why = item.Status == RunStatus.Cached ? "" : $"  [{string.Join("; ", item.Why)}]";
                    Console.WriteLine($"  {item.Status.ToString().ToLowerInvariant(),-7} {item.Key}  {item.Run.Group}[{item.Run.Label}]{why}");
                    if (item.Status != RunStatus.Cached && Repro.Pipeline.Runs.PartialRun.Find(workspace.Store.WorkFolder(item.Key.Value)) is { } partial)
                        Console.WriteLine($"          partial: step {partial.Step}/{partial.Steps}, {TimeLeft(partial)} ({workspace.Store.WorkFolder(item.Key.Value)})");
                }
            }
            return 0;
        }));
        return command;
    }

    private static int CostLines(Repro.Pipeline.Workspace workspace)
    {
        string path = CostCalibration.PathIn(workspace.Root);
        var calibration = CostCalibration.TryLoad(path) ?? throw new ArgumentException($"{path}: no cost calibration; run `repro bench calibrate`");
        var skipped = new List<string>();
        var runs = StoreCosts.Read(workspace.Store, skipped);
        Console.WriteLine($"store {workspace.Store.Root}: {runs.Count} finished runs, calibration {path} ({calibration.MeasuredUtc})");
        foreach (var line in skipped) Console.WriteLine(line);
        if (runs.Count == 0) return ExitCodes.Success;
        foreach (var line in CostCheck.Lines(CostCheck.Spreads(runs, new CostModel(calibration)))) Console.WriteLine(line);
        foreach (var line in MemoryCheck.Lines(MemoryCheck.Spreads(runs, new MemoryModel(calibration.Memory)))) Console.WriteLine(line);
        return ExitCodes.Success;
    }

    private static string TimeLeft(Repro.Pipeline.Runs.PartialRun partial) =>
        partial.EstimatedSecondsLeft is { } seconds
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"about {TimeSpan.FromSeconds(Math.Ceiling(seconds)):g} left")
            : "time left unknown (not stopped by a time budget)";
}
