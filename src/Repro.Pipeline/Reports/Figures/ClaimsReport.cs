using System.Text;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Writes <c>results/CLAIMS.md</c>: every claim of every declared artifact with the profile and scale it stands on, its
/// check, its preconditions, what was measured, the runs excluded and the verdict; an artifact not rendered yet lists its
/// claims as NOT RUN.
/// </summary>
public static class ClaimsReport
{
    public static IReadOnlyList<Claim> Collect(ExperimentCatalog catalog, ResultsFolder results)
    {
        var claims = new List<Claim>();
        foreach (var spec in catalog.Artifacts.OrderBy(a => a.Artifact, StringComparer.Ordinal))
        {
            var declared = ArtifactRenderers.Find(spec.Renderer)!.ClaimStatements;
            if (RenderRecord.Load(results, spec.Artifact, out string? damage) is { } record)
            {
                claims.AddRange(record.Claims);
                // A claim declared after the record was drawn (a check added since): NOT RUN until the artifact is redrawn.
                claims.AddRange(declared.Where(s => !record.Claims.Any(c => Judges(c, s)))
                    .Select(s => new Claim(spec.Artifact, s, "", "declared after this artifact was drawn: redraw it to judge this claim",
                                           ClaimVerdict.NotRun)
                    { Scale = "NOT RUN" }));
            }
            else
                claims.AddRange(declared
                    .Select(s => new Claim(spec.Artifact, s, "", damage is null ? "its runs are not rendered" : "its render record is damaged",
                                           ClaimVerdict.NotRun)
                    { Scale = "NOT RUN" }));
        }
        return claims;
    }

    /// <summary>Whether <paramref name="claim"/> judges the declared statement (alone, or for one architecture: "VGG-style …: statement").</summary>
    private static bool Judges(Claim claim, string statement) => claim.Statement == statement || claim.Statement.EndsWith(": " + statement, StringComparison.Ordinal);

    public static void Write(ExperimentCatalog catalog, ResultsFolder results)
    {
        var claims = Collect(catalog, results);
        var page = new StringBuilder();
        page.AppendLine("# Claims of the paper, checked");
        page.AppendLine();
        page.AppendLine("Each check and its threshold were fixed in code before looking at the data (see each renderer in "
                        + "`src/Repro.Pipeline/Reports/`); a FAIL is a result of this reproduction, not a bug to tune away.");
        page.AppendLine();
        page.AppendLine("**The preconditions are new and were written after seeing results** (the paper-profile runs of issue 14): what a "
                        + "run must satisfy to be judged at all (trained to a stated accuracy; for claims about where training ends, "
                        + "reached its stability edge or converged; enough seeds and η). Runs that do not qualify are listed as excluded "
                        + "with the reason, and a claim with too few qualifying runs is INCONCLUSIVE, naming what is missing. The thresholds "
                        + "are unchanged. With ≥ 2 seeds a claim gives mean ± std over seeds and, where it compares two settings, a paired "
                        + "t-test over matched seeds; accuracies carry the binomial standard error of their test set; a one-seed verdict says so.");
        page.AppendLine();
        var origins = catalog.Artifacts.OrderBy(a => a.Artifact, StringComparer.Ordinal)
            .Select(a => RenderRecord.Load(results, a.Artifact) is { } r ? $"{a.Artifact}: {r.Origin}" : null).OfType<string>().ToList();
        if (origins.Count > 0)
        {
            page.AppendLine("**Origin of each artifact's claims** (profile, day drawn, machine of its runs; a build never replaces an artifact with one "
                            + "drawn from a less complete profile, it keeps the committed one): " + string.Join("; ", origins) + ".");
            page.AppendLine();
        }
        page.AppendLine(string.Join(", ", Enum.GetValues<ClaimVerdict>().OrderBy(Rank).Select(v => $"{claims.Count(c => c.Verdict == v)} {Name(v)}")) + ".");
        page.AppendLine();
        var judged = claims.Where(c => c.Verdict is ClaimVerdict.Pass or ClaimVerdict.Fail).ToList();
        page.AppendLine($"**Margin against cross-kernel drift (exploratory, added after the results).** {judged.Count(c => c.Drift is { Inside: true })} of "
                        + $"{judged.Count} judged verdicts have a margin inside the drift measured between CPU kernels (marked ⚠: another machine "
                        + "could give the other verdict). The margin is the smallest relative change of the judged quantity that would flip the "
                        + "verdict; the drift is the largest relative difference of that quantity over a whole run retrained with other kernels "
                        + "(`KernelDrift`, docs/benchmarks.md), which bounds per-step values: the judged statistics move less.");
        page.AppendLine();
        var table = new MarkdownTable("artifact", "profile / scale", "claim", "check (fixed before the runs)", "preconditions (new)", "measured",
                                      "excluded runs", "margin vs kernel drift (exploratory)", "verdict");
        foreach (var claim in claims)
            table.Add(claim.Artifact, claim.Scale.Length > 0 ? claim.Scale : "not recorded", claim.Statement, claim.Check,
                      claim.Preconditions.Length > 0 ? claim.Preconditions : "—", claim.Measured,
                      claim.Excluded.Count == 0 ? "none" : $"{claim.Excluded.Count}: " + string.Join("; ", claim.Excluded),
                      DriftText(claim), Name(claim.Verdict, claim.Drift is { Inside: true }));
        page.Append(table);
        File.WriteAllText(Path.Combine(results.Root, "CLAIMS.md"), page.ToString(), new UTF8Encoding(false));
    }

    internal static string Name(ClaimVerdict verdict, bool insideDrift) =>
        (verdict == ClaimVerdict.Fail ? "**FAIL**" : Name(verdict))
        + (insideDrift && verdict is ClaimVerdict.Pass or ClaimVerdict.Fail ? " ⚠" : "");

    private static string DriftText(Claim claim) =>
        claim.Verdict is not (ClaimVerdict.Pass or ClaimVerdict.Fail) ? "—"
        : claim.Drift is not { } drift ? "not measured"
        : !double.IsFinite(drift.Margin) ? "—"
        : $"{Format.Percent(drift.Margin)} vs {Format.Percent(drift.Bound.Relative)} ({drift.Bound.Quantity}): "
          + (drift.Inside ? "**inside**" : "outside");

    private static string Name(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Pass => "PASS",
        ClaimVerdict.Fail => "FAIL",
        ClaimVerdict.Inconclusive => "INCONCLUSIVE",
        _ => "NOT RUN",
    };

    private static int Rank(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Pass => 0,
        ClaimVerdict.Fail => 1,
        ClaimVerdict.Inconclusive => 2,
        _ => 3,
    };
}
