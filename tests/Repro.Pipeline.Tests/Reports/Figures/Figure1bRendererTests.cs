using Repro.Core;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class Figure1bRendererTests
{
    private static readonly IReadOnlyList<PlannedRun> Planned = SyntheticRuns.Plan("Figure1b", "figure1b", """
          mlp:
            base: {model: mlp, optimizer: gd, steps: 100}
            sweep: {lr: [0.01, 0.1, 1.0], seed: [0, 1]}
        """);

    /// <summary>Both seeds of each η: λ₁ flat at 5 (2/λ₁(θ₀) = 0.4), the given accuracy, η = 1 diverged unless told otherwise.</summary>
    private static List<FinishedRun> Sweep(double small, double middle, double large, bool largeDiverges = true) =>
        Planned.Select(p =>
        {
            double lr = p.Config.Number("lr");
            double accuracy = (lr < 0.05 ? small : lr < 0.5 ? middle : large) + 0.005 * p.Config.Integer("seed");
            return lr > 0.5 && largeDiverges
                ? SyntheticRuns.Run(p, 100, 10, _ => 5, double.NaN, TrainingOutcome.DivergedAt(30))
                : SyntheticRuns.Run(p, 100, 10, _ => 5, accuracy);
        }).ToList();

    [Fact]
    public void PassesWhenAccuracyRisesWithEtaAndALargerEtaDiverges()
    {
        var claim = Figure1bRenderer.Goldilocks("Figure1b", Sweep(0.70, 0.80, 0));
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Contains("best η=0.1", claim.Measured);
        Assert.Contains("diverges from η=1", claim.Measured);
    }

    [Fact]
    public void FailsWhenAccuracyFallsWithEta() =>
        Assert.Equal(ClaimVerdict.Fail, Figure1bRenderer.Goldilocks("Figure1b", Sweep(0.80, 0.70, 0)).Verdict);

    [Fact]
    public void FailsWhenTheRiseIsBelowTwoPoints() =>
        Assert.Equal(ClaimVerdict.Fail, Figure1bRenderer.Goldilocks("Figure1b", Sweep(0.80, 0.81, 0)).Verdict);

    [Fact]
    public void TheRiseMarginIsWhatTheBestAccuracyMayMoveBeforeTheVerdictFlips()
    {
        // Means 0.7025 and 0.8025: the rise of 10 pp clears 2 pp by 8 pp, 10 % of the best accuracy, outside 3.1 %.
        var passing = Figure1bRenderer.Goldilocks("Figure1b", Sweep(0.70, 0.80, 0));
        Assert.Equal(0.08 / 0.8025, passing.Drift!.Margin, 9);
        Assert.False(passing.Drift.Inside);
        // A 1 pp rise misses 2 pp by 1 pp, 1.2 % of the best accuracy: inside the drift.
        var failing = Figure1bRenderer.Goldilocks("Figure1b", Sweep(0.80, 0.81, 0));
        Assert.Equal(0.01 / 0.8125, failing.Drift!.Margin, 9);
        Assert.True(failing.Drift.Inside);
        // A verdict resting on divergence claims no margin.
        Assert.Null(Figure1bRenderer.Goldilocks("Figure1b", Sweep(0.70, 0.80, 0.75, largeDiverges: false)).Drift);
    }

    [Fact]
    public void FailsWhenNoLargerEtaDiverges()
    {
        var claim = Figure1bRenderer.Goldilocks("Figure1b", Sweep(0.70, 0.80, 0.75, largeDiverges: false));
        Assert.Equal(ClaimVerdict.Fail, claim.Verdict);
        Assert.Contains("no larger η diverged", claim.Measured);
    }

    [Fact]
    public void AccuracyByLrAveragesConvergentSeedsAndCountsDivergentOnes()
    {
        var byLr = Figure1bRenderer.AccuracyByLr(Sweep(0.70, 0.80, 0));
        Assert.Equal(0.7025, byLr[0].Mean, 6);
        Assert.True(byLr[0].Std > 0);
        Assert.Equal(2, byLr[2].Diverged);
        Assert.True(double.IsNaN(byLr[2].Mean));
    }

    [Fact]
    public void RenderWritesTheFigure()
    {
        using var temporary = new SyntheticRuns.TempResults();
        var results = temporary.Folder;
        var spec = ExperimentReader.Read("artifact: Figure1b\ndescription: d\nrender: figure1b\nruns: {mlp: {base: {model: mlp, optimizer: gd, steps: 1, lr: 0.1}}}\nprofiles: {quick: {}}", "f.yaml");
        var rendering = new Figure1bRenderer().Render(spec, Sweep(0.70, 0.80, 0), results);
        Assert.All(rendering.Figures, f => Assert.True(new FileInfo(Path.Combine(results.Root, f)).Length > 0));
        // The pooled verdict, then per architecture (one group here) its Goldilocks and unstable-best verdicts.
        Assert.Equal([Figure1bRenderer.GoldilocksClaim, .. PerArchitectureChecks.Statements.Select(s => "MLP 3×32 ReLU (Fashion-MNIST, 1,000 images): " + s)],
                     rendering.Claims.Select(c => c.Statement));
    }
}
