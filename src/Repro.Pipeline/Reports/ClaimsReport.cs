using System.Text;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports;

/// <summary>
/// Writes <c>results/CLAIMS.md</c>: every claim of every declared artifact with its check, measurement and verdict;
/// an artifact not rendered yet (for example a <c>paper</c>-only one) lists its claims as NOT RUN.
/// </summary>
public static class ClaimsReport
{
    public static IReadOnlyList<Claim> Collect(ExperimentCatalog catalog, ResultsFolder results)
    {
        var claims = new List<Claim>();
        foreach (var spec in catalog.Artifacts.OrderBy(a => a.Artifact, StringComparer.Ordinal))
        {
            if (RenderRecord.Load(results, spec.Artifact) is { } record)
                claims.AddRange(record.Claims);
            else
                claims.AddRange(ArtifactRenderers.Find(spec.Renderer)!.ClaimStatements
                    .Select(s => new Claim(spec.Artifact, s, "", "its runs are not rendered", ClaimVerdict.NotRun)));
        }
        return claims;
    }

    public static void Write(ExperimentCatalog catalog, ResultsFolder results)
    {
        var claims = Collect(catalog, results);
        var page = new StringBuilder();
        page.AppendLine("# Claims of the paper, checked");
        page.AppendLine();
        page.AppendLine("Each check and its threshold were fixed in code before looking at the data (see each renderer in "
                        + "`src/Repro.Pipeline/Reports/`); a FAIL is a result of this reproduction, not a bug to tune away.");
        page.AppendLine();
        page.AppendLine($"{claims.Count(c => c.Verdict == ClaimVerdict.Pass)} PASS, {claims.Count(c => c.Verdict == ClaimVerdict.Fail)} FAIL, "
                        + $"{claims.Count(c => c.Verdict == ClaimVerdict.NotRun)} NOT RUN.");
        page.AppendLine();
        var table = new MarkdownTable("artifact", "claim", "check", "measured", "verdict");
        foreach (var claim in claims)
            table.Add(claim.Artifact, claim.Statement, claim.Check, claim.Measured, Verdict(claim.Verdict));
        page.Append(table);
        File.WriteAllText(Path.Combine(results.Root, "CLAIMS.md"), page.ToString(), new UTF8Encoding(false));
    }

    private static string Verdict(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Pass => "PASS",
        ClaimVerdict.Fail => "**FAIL**",
        _ => "NOT RUN",
    };
}
