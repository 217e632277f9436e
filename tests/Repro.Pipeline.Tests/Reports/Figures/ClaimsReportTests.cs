using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class ClaimsReportTests
{
    private const string Groups = """
          mlp:
            base: {model: mlp, optimizer: gd, steps: 100}
            sweep: {lr: [0.01, 0.1]}
        """;

    private static IReadOnlyList<Claim> CollectWith(params Claim[] recorded)
    {
        using var project = new TestProject("figure1b.yaml", SyntheticRuns.Yaml("Figure1b", "figure1b", Groups));
        var results = new ResultsFolder(project.Combine("results"));
        new RenderRecord("Figure1b", "paper", 2, DateTimeOffset.UnixEpoch, [], [], recorded).Save(results);
        return ClaimsReport.Collect(ExperimentCatalog.Load(project.ExperimentsPath), results);
    }

    private static Claim Judged(string statement) => Claim.Judge("Figure1b", statement, "check", "measured", holds: true);

    [Fact]
    public void AClaimDeclaredAfterTheRecordWasDrawnIsListedAsNotRun()
    {
        var claims = CollectWith(Judged(Figure1bRenderer.GoldilocksClaim));
        Assert.Equal(3, claims.Count);
        Assert.Equal(ClaimVerdict.Pass, claims[0].Verdict);
        Assert.Equal([PerArchitectureChecks.GoldilocksStatement, PerArchitectureChecks.UnstableBestStatement],
                     claims.Where(c => c.Verdict == ClaimVerdict.NotRun).Select(c => c.Statement));
        Assert.All(claims.Skip(1), c => Assert.Contains("declared after this artifact was drawn", c.Measured));
    }

    [Fact]
    public void AClaimJudgedPerArchitectureCountsAsJudged()
    {
        var claims = CollectWith(Judged(Figure1bRenderer.GoldilocksClaim),
                                 Judged("MLP 3×32 ReLU (Fashion-MNIST, 1,000 images): " + PerArchitectureChecks.GoldilocksStatement),
                                 Judged("MLP 3×32 ReLU (Fashion-MNIST, 1,000 images): " + PerArchitectureChecks.UnstableBestStatement));
        Assert.DoesNotContain(claims, c => c.Verdict == ClaimVerdict.NotRun);
    }
}
