using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Reports.Stats;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Tests.Reports.Figures;

namespace Repro.Pipeline.Tests.Reports.Stats;

/// <summary>A verdict's margin against the measured cross-kernel drift: which verdicts another machine could flip.</summary>
public class KernelDriftTests
{
    private static readonly DriftBound FivePercent = new("x", 0.05);

    [Fact]
    public void APassingClaimFlipsWhenItsWeakestPartDoes()
    {
        var check = DriftCheck.Of([0.30, 0.04, 0.20], FivePercent);
        Assert.Equal(0.04, check.Margin, 12);
        Assert.True(check.Inside);
        Assert.False(DriftCheck.Of([0.30, 0.06], FivePercent).Inside);
    }

    [Fact]
    public void AFailingClaimFlipsOnlyWhenEveryFailingPartDoes()
    {
        // Two parts fail, by 1 % and by 8 %: both must move for a PASS, so the margin is 8 %, outside a 5 % drift.
        var check = DriftCheck.Of([0.30, -0.01, -0.08], FivePercent);
        Assert.Equal(0.08, check.Margin, 12);
        Assert.False(check.Inside);
    }

    [Fact]
    public void DropsAreRelativeAndARiseIsNegative() =>
        Assert.Equal([0.5, -0.5], DriftCheck.Drops([40.0, 20.0, 40.0]).ToArray());

    [Fact]
    public void ClaimsPageMarksAVerdictInsideTheDrift()
    {
        using var project = new TestProject("figure1.yaml", SyntheticRuns.Yaml("Figure1", "figure1", Figure1RendererTests.Groups));
        var results = new ResultsFolder(project.Combine("results"));
        var claim = Figure1Renderer.Settling("Figure1", [Figure1RendererTests.Settled(0, 1.05), Figure1RendererTests.Settled(1, 1.0)]);
        new RenderRecord("Figure1", "quick", 2, DateTimeOffset.UnixEpoch, [], [], [claim]).Save(results);
        ClaimsReport.Write(ExperimentCatalog.Load(project.ExperimentsPath), results);
        string page = File.ReadAllText(Path.Combine(results.Root, "CLAIMS.md"));
        Assert.Contains("1 of 1 judged verdicts have a margin inside the drift", page);
        Assert.Contains("9.5% vs 21.0% (λ₁ of full-batch GD at its edge): **inside** | PASS ⚠ |", page);
    }
}
