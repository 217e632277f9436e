using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Reports.Stats;
using Repro.Pipeline.Specs;
using static Repro.Pipeline.Tests.Reports.SyntheticRuns;

namespace Repro.Pipeline.Tests.Reports.Claims;

/// <summary>Each claim's preconditions: which runs are excluded and why, and when too few qualify (INCONCLUSIVE).</summary>
public class VerdictPreconditionTests
{
    // ---- Figure1: where training ends needs runs that reached their edge or converged --------------------------------

    private static readonly IReadOnlyList<PlannedRun> Gd = Plan("Figure1", "figure1", """
          gd:
            base: {model: mlp, optimizer: gd, steps: 300}
            sweep: {lr: [0.02, 0.1, 0.2], seed: [0, 1]}
        """);

    /// <summary>η = 0.02 (2/η = 100) sharpens to 25 = 0.25·2/η and stops at 90% train accuracy, as the paper-profile runs did; the others sit at their edge (seed 1 1% above).</summary>
    private static List<FinishedRun> GdRuns(double slowTrainAccuracy = 0.9) => Gd.Select(p =>
    {
        double lr = p.Config.Number("lr"), seed = p.Config.Integer("seed");
        return lr < 0.05
            ? Run(p, 300, 10, s => 25.0 * s / 300, trainAccuracy: slowTrainAccuracy)
            : Run(p, 300, 10, _ => (1 + 0.01 * seed) * 2 / lr);
    }).ToList();

    [Fact]
    public void FallingExcludesRunsStillSharpeningAndJudgesTheRestWithPairedSeeds()
    {
        var claim = Figure1Renderer.Falling("Figure1", GdRuns());
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Equal(2, claim.Excluded.Count);
        Assert.All(claim.Excluded, e => Assert.Contains("lr=0.02", e));
        Assert.Contains("still sharpening: max λ₁ = 25 = 0.25·2/η, final train accuracy 90.0%", claim.Excluded[0]);
        Assert.Contains("paired t over 2 seeds", claim.Measured);
        Assert.Contains("(2 seeds)", claim.Measured);
        Assert.Contains("reached its stability edge", claim.Preconditions);
    }

    [Fact]
    public void SettlingSummarisesSeedsPerEtaAndListsRunsThatNeverReachedTheEdge()
    {
        var claim = Figure1Renderer.Settling("Figure1", GdRuns());
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Contains("η=0.1, 2 seeds: λ₁/(2/η) = 1.005 ± 0.007", claim.Measured);
        Assert.DoesNotContain("1 seed", claim.Measured);
        Assert.Equal(2, claim.Excluded.Count);
        Assert.All(claim.Excluded, e => Assert.EndsWith("λ₁ never reached 2/η", e));
    }

    [Fact]
    public void AConvergedRunQualifiesAlthoughItNeverReachedItsEdge()
    {
        var claim = Figure1Renderer.Falling("Figure1", GdRuns(slowTrainAccuracy: 1.0));
        Assert.Empty(claim.Excluded);
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);   // 25 > 20.1 > 10.05
    }

    [Fact]
    public void FallingIsInconclusiveWithOneQualifyingEtaAndNamesWhatIsMissing()
    {
        var claim = Figure1Renderer.Falling("Figure1", GdRuns().Where(r => r.Run.Config.Number("lr") < 0.15).ToList());
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Equal("1 η with qualifying runs (needs ≥ 2)", claim.Measured);
        Assert.Equal(2, claim.Excluded.Count);
    }

    // ---- FigureSGD: the paper-profile outcome (η = 0.02 still sharpening) ---------------------------------------------

    [Fact]
    public void SgdPassesOnceTheRunsStillSharpeningAreExcludedAndFailsWithoutThatExclusion()
    {
        // Per batch size: η = 0.02 ends at 10 (0.1·2/η, 95% train accuracy), η = 0.05 at 37 (0.93·2/η), η = 0.1 at 19.
        var runs = Plan(SgdYaml(0.02, 0.05, 0.1)).Select(p =>
        {
            double lr = p.Config.Number("lr");
            double final = lr < 0.03 ? 10 : lr < 0.07 ? 37 : 19;
            return TwoSteps(p, final, testAccuracy: 0.8, trainAccuracy: lr < 0.03 ? 0.95 : 1.0);
        }).ToList();
        var claim = FigureSgdRenderer.Persists("FigureSGD", runs);
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Equal(2, claim.Excluded.Count);
        Assert.All(claim.Excluded, e => Assert.Contains("still sharpening", e));
        Assert.Contains("1 seed", claim.Measured);

        // The same runs, the slow ones converged: they qualify, and their low λ₁ is an inversion.
        var converged = runs.Select(r => r.Run.Config.Number("lr") < 0.03
            ? TwoSteps(r.Run, 10, trainAccuracy: 1.0)
            : r).ToList();
        Assert.Equal(ClaimVerdict.Fail, FigureSgdRenderer.Persists("FigureSGD", converged).Verdict);
    }

    // ---- Figure1b: runs that did not train support no accuracy verdict ------------------------------------------------

    private static readonly IReadOnlyList<PlannedRun> TwoNets = Plan("Figure1b", "figure1b", """
          mlp:
            base: {model: mlp, optimizer: gd, steps: 100}
            sweep: {lr: [0.01, 0.1, 1.0]}
          tiny_cifar:
            base: {model: mlp, optimizer: gd, steps: 100, width: 16}
            sweep: {lr: [0.01, 0.1, 1.0]}
        """);

    /// <summary>The MLP trains fully (accuracy 0.70, 0.80 and η = 1 diverges, or the given middle accuracy); the second net reaches 30% train accuracy.</summary>
    private static List<FinishedRun> TwoNetRuns(double mlpMiddle) => TwoNets.Select(p =>
    {
        double lr = p.Config.Number("lr");
        bool mlp = p.Group == "mlp";
        if (lr > 0.5) return Run(p, 100, 10, _ => 5, double.NaN, Repro.Core.TrainingOutcome.DivergedAt(30));
        return Run(p, 100, 10, _ => 5, mlp ? (lr < 0.05 ? 0.70 : mlpMiddle) : (lr < 0.05 ? 0.11 : 0.18), trainAccuracy: mlp ? 1.0 : 0.3);
    }).ToList();

    [Fact]
    public void GoldilocksIsInconclusiveWhenOneArchitectureDidNotTrainAndTheOtherPasses()
    {
        var claim = Figure1bRenderer.Goldilocks("Figure1b", TwoNetRuns(mlpMiddle: 0.80));
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Contains("tiny_cifar: INCONCLUSIVE, 0 η with runs trained to 95.0% (needs ≥ 2)", claim.Measured);
        Assert.Contains("binomial SE", claim.Measured);
        Assert.Contains("1 seed", claim.Measured);
        Assert.Equal(2, claim.Excluded.Count);
        Assert.All(claim.Excluded, e => Assert.Contains("final train accuracy 30.0% < 95.0%", e));
    }

    [Fact]
    public void GoldilocksFailsWhenAJudgedArchitectureFailsWhateverTheOther()
    {
        var claim = Figure1bRenderer.Goldilocks("Figure1b", TwoNetRuns(mlpMiddle: 0.60));
        Assert.Equal(ClaimVerdict.Fail, claim.Verdict);
    }

    // ---- FigureClippedAda: a clip that never binds is Adam; a comparison needs two seeds ------------------------------

    /// <summary>Plan order: Adam seeds 0, 1; c = 0.1 seeds 0, 1; c = 1 seeds 0, 1; exploratory c = 0.001 seeds 0, 1. c = 1 never clips.</summary>
    private static List<FinishedRun> AdaRuns(params double[] accuracy) =>
        Plan(ClippedAdaYaml(exploratory: true)).Select((run, i) =>
            TwoSteps(run, 5, testAccuracy: accuracy[i], clipFraction: i is 4 or 5 ? [0, 0] : i >= 2 ? [0.2, 0.1] : [double.NaN, double.NaN])).ToList();

    [Fact]
    public void ABoundThatNeverClipsIsExcludedAndTheBindingBoundIsComparedWithAdam()
    {
        // c = 1 (never clips) has the best accuracy, the exploratory c = 0.001 better still: neither may decide.
        var claim = OptimizerComparison.BeatsAdam("FigureClippedAda", AdaRuns(0.80, 0.82, 0.70, 0.72, 0.85, 0.85, 0.99, 0.99));
        Assert.Equal(ClaimVerdict.Fail, claim.Verdict);
        Assert.Contains("Clipped-Ada c = 0.1 71.0% vs Adam 81.0% (2 seeds)", claim.Measured);
        Assert.Contains("the clip binds on 15.0% of coordinates", claim.Measured);
        Assert.DoesNotContain("0.001", claim.Measured);
        Assert.Equal(2, claim.Excluded.Count);
        Assert.All(claim.Excluded, e => Assert.Contains("the clip never binds (clip_fraction = 0): identical to Adam", e));
    }

    [Fact]
    public void OneSeedIsInconclusiveForTheComparison()
    {
        var runs = AdaRuns(0.80, 0.82, 0.90, 0.72, 0.85, 0.85, 0.99, 0.99).Where(r => r.Run.Config.Integer("seed") == 0).ToList();
        var claim = OptimizerComparison.BeatsAdam("FigureClippedAda", runs);
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Contains("(needs ≥ 2 seeds)", claim.Measured);
    }

    [Fact]
    public void TheExploratorySweepIsLabelledInTheTableAndReportsItsClipFraction()
    {
        var cells = OptimizerComparison.Cells(AdaRuns(0.80, 0.82, 0.70, 0.72, 0.85, 0.85, 0.99, 0.99));
        string table = OptimizerComparison.Table(cells, "quick profile");
        Assert.Contains("| Clipped-Ada c = 0.001 (exploratory) |", table);
        Assert.Contains("| Clipped-Ada c = 1 | 85.0 ± 0.0 | 5.00 ± 0.00 | 0.0% |", table);
        Assert.Contains("| Adam | 81.0 ± 1.4 | 5.00 ± 0.00 | — |", table);
    }

    // ---- FigureRotationCorrelation: seeds at the edge, ≥ 2 of them; exploratory rotations beside ---------------------

    private static Claim Correlated(List<FinishedRun> runs)
    {
        var seeds = runs.Select(FigureRotationCorrelationRenderer.Pairs).ToList();
        var pooled = new SeedPairs(-1, [.. seeds.SelectMany(s => s.Sharpness)], [.. seeds.SelectMany(s => s.Rotation)]);
        return FigureRotationCorrelationRenderer.Correlated("FigureRotationCorrelation", seeds, pooled, runs);
    }

    [Fact]
    public void ASeedThatNeverReachedTheEdgeIsExcludedAndOneSeedLeftIsInconclusive()
    {
        // 2/η = 6.67: seed 0 reaches it, seed 1 stays below.
        var runs = Plan(RotationYaml).Select(run =>
            Rotating(run, run.Config.Integer("seed") == 0 ? [4, 5, 6, 7, 8] : [1, 2, 3, 4, 5], [double.NaN, 0.99, 0.9, 0.6, 0.2])).ToList();
        var claim = Correlated(runs);
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Equal("1 qualifying seeds (needs ≥ 2)", claim.Measured);
        Assert.Contains("seeds[seed=1]: λ₁ never reached 2/η", Assert.Single(claim.Excluded));
    }

    [Fact]
    public void TheSubspaceRotationsAreReportedAsExploratoryBesideThePreRegisteredStatistic()
    {
        var runs = Plan(RotationYaml).Select(run => Rotating(run, [4, 5, 6, 7, 8], [double.NaN, 0.99, 0.9, 0.6, 0.2],
                                                             subspace: [double.NaN, 0.4, 0.3, 0.2, 0.1], v1Subspace: [double.NaN, 0.1, 0.2, 0.3, 0.4])).ToList();
        var claim = Correlated(runs);
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Contains("pooled ρ = 1.000", claim.Measured);
        Assert.Contains("Exploratory, not judged: top-k subspace rotation vs λ₁: ρ = -1.000, v₁ vs previous top-k subspace vs λ₁: ρ = 1.000", claim.Measured);
        Assert.Contains("per seed ρ = 1.00 ± 0.00", claim.Measured);
    }
}
