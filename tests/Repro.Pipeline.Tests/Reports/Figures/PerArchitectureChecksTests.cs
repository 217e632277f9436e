using Repro.Core;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class PerArchitectureChecksTests
{
    private static readonly IReadOnlyList<PlannedRun> Planned = SyntheticRuns.Plan("Figure1b", "figure1b", """
          mlp:
            base: {model: mlp, optimizer: gd, steps: 100}
            sweep: {lr: [0.01, 0.1, 1.0], seed: [0, 1, 2]}
        """);

    /// <summary>
    /// λ₁ flat at <paramref name="sharpness"/> (at 5, η = 0.01 and 0.1 are stable and η = 1 is beyond the edge); final test
    /// accuracy per η from <paramref name="accuracy"/>(η, seed); no run diverges.
    /// </summary>
    private static List<FinishedRun> Sweep(Func<double, int, double> accuracy, double sharpness = 5) =>
        Planned.Select(p => SyntheticRuns.Run(p, 100, 10, _ => sharpness, accuracy(p.Config.Number("lr"), (int)p.Config.Integer("seed")))).ToList();

    [Fact]
    public void PassesWhenTheUnstableEtaIsBestOnEverySeed()
    {
        var claim = PerArchitectureChecks.UnstableBest("Figure1b", Sweep((lr, seed) => (lr < 0.05 ? 0.70 : lr < 0.5 ? 0.75 : 0.80) + 0.01 * seed));
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Contains("best stable η=0.1", claim.Measured);
        Assert.Contains("best unstable η=1", claim.Measured);
        Assert.Contains("3 of 3", claim.Measured);
    }

    [Fact]
    public void FailsWhenAStableEtaIsBest() =>
        Assert.Equal(ClaimVerdict.Fail, PerArchitectureChecks.UnstableBest("Figure1b", Sweep((lr, _) => lr < 0.5 ? 0.80 : 0.75)).Verdict);

    [Fact]
    public void FailsWhenTheMeanGainHidesASeedOnWhichStableWins()
    {
        // Mean gain 4 pp, but seed 0 is better at the stable η.
        var claim = PerArchitectureChecks.UnstableBest("Figure1b", Sweep((lr, seed) => lr < 0.5 ? 0.75 : seed == 0 ? 0.74 : 0.81));
        Assert.Equal(ClaimVerdict.Fail, claim.Verdict);
        Assert.Contains("2 of 3", claim.Measured);
    }

    [Fact]
    public void FailsWhenTheGainIsBelowTwoPoints() =>
        Assert.Equal(ClaimVerdict.Fail, PerArchitectureChecks.UnstableBest("Figure1b", Sweep((lr, _) => lr < 0.5 ? 0.80 : 0.81)).Verdict);

    [Fact]
    public void IsInconclusiveWithoutAStableEta()
    {
        var claim = PerArchitectureChecks.UnstableBest("Figure1b", Sweep((lr, _) => 0.8, sharpness: 500));
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Contains("0 stable η", claim.Measured);
    }

    [Fact]
    public void RunsNotTrainedToTheTargetAreExcludedAndCanLeaveTooFewSeeds()
    {
        var runs = Planned.Select(p => SyntheticRuns.Run(p, 100, 10, _ => 5, p.Config.Number("lr") > 0.5 ? 0.9 : 0.7,
                                                          trainAccuracy: p.Config.Number("lr") > 0.5 || p.Config.Integer("seed") == 0 ? 1.0 : 0.5)).ToList();
        var claim = PerArchitectureChecks.UnstableBest("Figure1b", runs);
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Equal(4, claim.Excluded.Count);
    }

    [Fact]
    public void EachArchitectureGetsBothClaimsNamedForIt()
    {
        var claims = PerArchitectureChecks.Judge("Figure1b", Sweep((lr, seed) => 0.7 + 0.01 * seed)).ToList();
        Assert.Equal(2, claims.Count);
        Assert.All(claims, c => Assert.StartsWith("MLP", c.Statement));
        Assert.EndsWith(PerArchitectureChecks.GoldilocksStatement, claims[0].Statement);
        Assert.EndsWith(PerArchitectureChecks.UnstableBestStatement, claims[1].Statement);
    }
}
