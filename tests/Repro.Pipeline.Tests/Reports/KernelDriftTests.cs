using Repro.Pipeline.Reports;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports;

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
    public void DropsAreRelativeAndARiseIsNegative()
    {
        Assert.Equal([0.5, -0.5], DriftCheck.Drops([40.0, 20.0, 40.0]).ToArray());
    }

    private static readonly IReadOnlyList<PlannedRun> Planned = SyntheticRuns.Plan("Figure1", "figure1", """
          gd:
            base: {model: mlp, optimizer: gd, steps: 300}
            sweep: {lr: [0.1, 0.2]}
        """);

    // Sharpening to `settle`·2/η by step 100, then flat: λ₁/(2/η) = settle over the last third.
    private static FinishedRun Settled(int index, double settle) =>
        SyntheticRuns.Run(Planned[index], 300, 10, s =>
        {
            double edge = 2 / Planned[index].Config.Number("lr");
            return s < 100 ? 5 + (settle * edge - 5) * s / 100.0 : settle * edge;
        });

    [Fact]
    public void Figure1SettlingMarginIsTheRelativeChangeOfLambdaOneThatLeavesTheBand()
    {
        // λ₁ = 1.05·(2/η): it leaves the ±15 % band when λ₁ grows by (1.15 − 1.05)/1.05 = 9.5 %, inside GD's 21 % drift.
        var claim = Figure1Renderer.Settling("Figure1", [Settled(0, 1.05), Settled(1, 1.0)]);
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Equal(0.10 / 1.05, claim.Drift!.Margin, 9);
        Assert.True(claim.Drift.Inside);
    }

    [Fact]
    public void Figure1FallingMarginIsTheSmallestRelativeDrop()
    {
        // Final λ₁ 19.6 (η = 0.1) and 9.8 (η = 0.2): a 50 % drop, outside the 21 % drift.
        var claim = Figure1Renderer.Falling("Figure1", [Settled(0, 0.98), Settled(1, 0.98)]);
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Equal(0.5, claim.Drift!.Margin, 9);
        Assert.False(claim.Drift.Inside);
    }

    [Fact]
    public void ClaimsPageMarksAVerdictInsideTheDrift()
    {
        using var folder = new SyntheticRuns.TempResults();
        var experiments = Path.Combine(folder.Folder.Root, "experiments");
        Directory.CreateDirectory(experiments);
        File.WriteAllText(Path.Combine(experiments, "figure1.yaml"), """
            artifact: Figure1
            description: synthetic
            render: figure1
            runs:
              gd:
                base: {model: mlp, optimizer: gd, steps: 300}
                sweep: {lr: [0.1, 0.2]}
            profiles:
              quick: {}
            """);
        var catalog = ExperimentCatalog.Load(experiments);
        var claim = Figure1Renderer.Settling("Figure1", [Settled(0, 1.05), Settled(1, 1.0)]);
        new RenderRecord("Figure1", "quick", 2, DateTimeOffset.UnixEpoch, [], [], [claim]).Save(folder.Folder);
        ClaimsReport.Write(catalog, folder.Folder);
        string page = File.ReadAllText(Path.Combine(folder.Folder.Root, "CLAIMS.md"));
        Assert.Contains("1 of 1 judged verdicts have a margin inside the drift", page);
        Assert.Contains("9.5% vs 21.0% (λ₁ of full-batch GD at its edge): **inside** | PASS ⚠ |", page);
    }
}
