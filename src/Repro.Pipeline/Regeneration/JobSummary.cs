using System.Text;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Runs;

namespace Repro.Pipeline.Regeneration;

/// <summary>
/// The Markdown summary a fan-out writes when it is gathered (the nightly's job summary, Slurm's summary.md): what
/// happened to each run a plan made BEFORE training listed as missing, and the claims' verdicts of its artifacts.
/// A run is trained (in the store; diverged if its outcome says so), partial (a checkpoint in its work folder: stopped
/// at its time budget, resumed next time), failed (its batch failed) or not reached (its batch stopped at the time
/// budget before it); without batch reports, a run neither trained nor partial counts as failed.
/// </summary>
public static class JobSummary
{
    public static string Markdown(Workspace workspace, PlanDocument before, IReadOnlyList<BatchReport>? batches)
    {
        var runs = before.Artifacts.SelectMany(a => a.Runs).DistinctBy(r => r.Key).ToList();
        int total = runs.Count, cached = runs.Count(r => r.Status == "cached"), unfetched = runs.Count(r => r.NeedsData is not null);
        var failedKeys = batches?.Where(b => b.Failed).SelectMany(b => b.Keys.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        int trained = 0, diverged = 0, partial = 0, failed = 0, unreached = 0;
        foreach (var key in before.Missing)
        {
            if (workspace.Store.Find(key) is { } entry)
            {
                trained++;
                if (OutcomeFile.Load(entry.Directory).Diverged) diverged++;
            }
            else if (PartialRun.Find(workspace.Store.WorkFolder(key)) is not null) partial++;
            else if (failedKeys is null || failedKeys.Contains(key)) failed++;
            else unreached++;
        }
        var text = new StringBuilder();
        text.AppendLine("### Runs").AppendLine();
        var table = new MarkdownTable("runs", "count")
            .Add("planned", $"{total}")
            .Add("cached (already in the store)", $"{cached}")
            .Add("trained", $"{trained}")
            .Add("of which diverged (a result, recorded in outcome.json)", $"{diverged}")
            .Add("partial (stopped at the time budget; resumed next time)", $"{partial}")
            .Add("not reached (the time budget ran out first; next time)", $"{unreached}")
            .Add("failed", $"{failed}");
        if (unfetched > 0) table.Add($"left out (their data set could not be fetched: {string.Join(", ", before.NeedsData)})", $"{unfetched}");
        text.Append(table).AppendLine();
        text.AppendLine($"`runs: planned={total} cached={cached} trained={trained} diverged={diverged} partial={partial} unreached={unreached} failed={failed} unfetched={unfetched}`");
        text.AppendLine();
        var failedBatches = batches?.Where(b => b.Failed).ToList() ?? [];
        if (failedBatches.Count > 0)
            text.AppendLine($"Failed batches: {string.Join(" ", failedBatches.Select(b => $"batch-{b.Id} ({b.Describe()}; keys: {b.Keys});"))}").AppendLine();
        text.AppendLine("### Claims (results/CLAIMS.md as it is now)").AppendLine();
        if (!File.Exists(Path.Combine(workspace.Results.Root, "CLAIMS.md")))
        {
            text.AppendLine("results/CLAIMS.md was not written.");
            return text.ToString();
        }
        var names = before.Artifacts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var claims = new MarkdownTable("artifact", "claim", "measured", "verdict");
        foreach (var claim in ClaimsReport.Collect(workspace.Catalog, workspace.Results).Where(c => names.Contains(c.Artifact)))
            claims.Add(claim.Artifact, claim.Statement, claim.Measured, ClaimsReport.Name(claim.Verdict, claim.Drift is { Inside: true }));
        return text.Append(claims).ToString();
    }
}
