using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports.Claims;

/// <summary>Each mechanism check on made-up runs: it passes where the mechanism is there and fails where it is not.</summary>
public class MechanismChecksTests
{
    private const string Figure1Groups = """
          gd:
            base: {model: mlp, optimizer: gd, steps: 100}
            sweep:
              lr: [0.1, 0.2, 0.4]
              seed: [0, 1]
          cooldown:
            continue_from: gd
            base: {lr: 0.01, steps: 50}
        """;

    private static readonly IReadOnlyList<PlannedRun> Planned = SyntheticRuns.Plan("Figure1", "figure1", Figure1Groups);

    /// <summary>A GD run at its edge: λ₁ rises to 2/η and stays; loss falls geometrically to <paramref name="floor"/>.</summary>
    private static FinishedRun AtEdge(PlannedRun run, double floor = 0.01, double rotation = 0.1)
    {
        double edge = 2 / run.Config.Lr;
        var steps = Enumerable.Range(0, 101).ToArray();
        return SyntheticRuns.Finished(run, new Dictionary<string, double[]>
        {
            [MetricColumns.TrainLoss] = [.. steps.Select(s => Math.Max(floor, Math.Pow(0.9, s)))],
            [MetricColumns.Sharpness] = [.. steps.Select(s => Math.Min(edge, 1 + s * edge / 40.0))],
            [MetricColumns.TrainAccuracy] = [.. steps.Select(_ => 1.0)],
            [MetricColumns.SubspaceRotation] = [.. steps.Select(s => s == 0 ? double.NaN : rotation)],
        });
    }

    private static FinishedRun Cooled(PlannedRun run, double finalSharpness) =>
        SyntheticRuns.Finished(run, new Dictionary<string, double[]>
        {
            [MetricColumns.TrainLoss] = [0.01, 0.009],
            [MetricColumns.Sharpness] = [finalSharpness / 2, finalSharpness],
        });

    private static IReadOnlyList<FinishedRun> Parents() => [.. Planned.Where(p => p.Parent is null).Select(p => AtEdge(p))];

    [Fact]
    public void TheCooldownCheckPassesWhenTheOrderByTrainingLearningRateSurvivesAndFailsWhenEveryRunResharpensAlike()
    {
        var children = Planned.Where(p => p.Parent is not null).ToList();
        var ordered = children.Select(c => Cooled(c, 10 / c.Parent!.Config.Lr + c.Parent.Config.Seed)).ToList();
        var alike = children.Select(c => Cooled(c, 150 + c.Parent!.Config.Seed)).ToList();

        Assert.Equal(ClaimVerdict.Pass, CooldownCheck.Judge("Figure1", Parents(), ordered).Verdict);
        Assert.Equal(ClaimVerdict.Fail, CooldownCheck.Judge("Figure1", Parents(), alike).Verdict);
    }

    [Fact]
    public void ACooldownThatReachesItsOwnEdgeIsExcludedAndTooFewLeftIsInconclusive()
    {
        var children = Planned.Where(p => p.Parent is not null).ToList();
        var unstable = children.Select(c => Cooled(c, 2 / c.Config.Lr + 1)).ToList();   // above 2/η_c = 200
        var claim = CooldownCheck.Judge("Figure1", Parents(), unstable);
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Equal(6, claim.Excluded.Count);
        Assert.All(claim.Excluded, e => Assert.Contains("during the cool-down", e));
    }

    [Fact]
    public void TheEqualLossCheckComparesSharpnessWhereEveryRunFirstReachesOneLoss()
    {
        var gd = Planned.Where(p => p.Parent is null).ToList();
        Assert.Equal(ClaimVerdict.Pass, EqualLossCheck.Judge("Figure1", [.. gd.Select(p => AtEdge(p))]).Verdict);
        // Sharpness that grows with η at the loss level: the same λ₁ path for every η, scaled up with η.
        var rising = gd.Select(p => SyntheticRuns.Finished(p, new Dictionary<string, double[]>
        {
            [MetricColumns.TrainLoss] = [.. Enumerable.Range(0, 101).Select(s => Math.Max(0.01, Math.Pow(0.9, s)))],
            [MetricColumns.Sharpness] = [.. Enumerable.Range(0, 101).Select(s => (1 + s / 10.0) * p.Config.Lr)],
        })).ToList();
        Assert.Equal(ClaimVerdict.Fail, EqualLossCheck.Judge("Figure1", rising).Verdict);
        var at = EqualLossCheck.SharpnessAt(rising[0], 0.5)!.Value;
        Assert.Equal(7, at.Step);   // 0.9⁷ = 0.478 is the first loss ≤ 0.5
    }

    [Fact]
    public void TheRotationGrowthCheckReadsTheSubspaceRotationOfTheUnstablePhaseOnly()
    {
        var gd = Planned.Where(p => p.Parent is null).ToList();
        Assert.Equal(ClaimVerdict.Pass, RotationGrowthCheck.Judge("Figure1", [.. gd.Select(p => AtEdge(p, rotation: p.Config.Lr))]).Verdict);
        Assert.Equal(ClaimVerdict.Fail, RotationGrowthCheck.Judge("Figure1", [.. gd.Select(p => AtEdge(p, rotation: 1 - p.Config.Lr))]).Verdict);
    }

    [Fact]
    public void InstabilitiesAreSpikesAboveTheEdgeByTheMarginThatFallBack()
    {
        var run = Planned[0];   // η = 0.1: 2/η = 20
        double[] sharpness = [10, 19, 21.5, 22, 19, 20.5, 20.9, 19.9, 25, 26];   // a spike, a small one, one that never falls
        var events = InstabilityEvents.Of(SyntheticRuns.Rotating(run, sharpness, [.. sharpness.Select(_ => 1.0)]));
        var only = Assert.Single(events);
        Assert.Equal((3, 4, 22.0), (only.PeakIndex, only.FallIndex, only.Peak));
    }

    [Fact]
    public void RotationBeforeEachFallRanksHighAmongShiftedWindowsOnlyWhenItIsThere()
    {
        var run = Planned[0];   // 2/η = 20
        const int length = 400;
        // A spike every 40 steps (peak at 10 + 40k, fall 3 steps later); the rotation is high just before each fall, or flat noise.
        var sharpness = Enumerable.Range(0, length).Select(s => (s % 40) is >= 9 and <= 12 ? 23.0 : 19.0).ToArray();
        var random = new Random(3);
        var noise = Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray();
        var linked = Enumerable.Range(0, length).Select(s => noise[s] + ((s % 40) is >= 8 and <= 12 ? 2.0 : 0.0)).ToArray();
        FinishedRun Run(double[] rotation, int seed) =>
            SyntheticRuns.Rotating(Planned.First(p => p.Parent is null && p.Config.Lr == 0.1 && p.Config.Seed == seed), sharpness,
                                   [.. sharpness.Select(_ => 1.0)], [double.NaN, .. rotation.Skip(1)]);

        var pass = RotationPrecedesFlatteningCheck.Judge("FigureRotationCorrelation", [Run(linked, 0), Run(linked, 1)]);
        var fail = RotationPrecedesFlatteningCheck.Judge("FigureRotationCorrelation", [Run(noise, 0), Run(noise, 1)]);
        Assert.Equal(ClaimVerdict.Pass, pass.Verdict);
        Assert.Equal(ClaimVerdict.Fail, fail.Verdict);
        Assert.Contains("20 instabilities", pass.Measured);
    }

    [Fact]
    public void TheSubspaceCorrelationJudgesOnlySeedsTrainedAfterIt()
    {
        var planned = SyntheticRuns.Plan("FigureRotationCorrelation", "figure-rotation-correlation", """
              seeds:
                base: {model: mlp, optimizer: gd, steps: 10, lr: 0.2}
                sweep:
                  seed: [0, 1, 5, 6]
            """);
        double[] sharpness = [5, 9, 11, 12, 10.5, 11.5, 13, 9.5];
        FinishedRun Run(PlannedRun p, bool correlated) => SyntheticRuns.Rotating(p, sharpness, [.. sharpness.Select(_ => 1.0)],
            [double.NaN, .. sharpness.Skip(1).Select((s, i) => correlated ? s / 20 : (i % 2) * 0.3)]);
        var seenCorrelated = SubspaceRotationCorrelationCheck.Judge("F", [.. planned.Select(p => Run(p, p.Config.Seed < 5))]);
        Assert.Equal(ClaimVerdict.Fail, seenCorrelated.Verdict);   // only seeds 5 and 6 count, and they are not correlated
        Assert.Equal(ClaimVerdict.Pass, SubspaceRotationCorrelationCheck.Judge("F", [.. planned.Select(p => Run(p, true))]).Verdict);
        Assert.Equal(2, seenCorrelated.Excluded.Count);
    }

    [Fact]
    public void TheSgdCheckWeighsTheLearningRateAgainstTheBatchSizeOnUnseenSeedsOnly()
    {
        var planned = SyntheticRuns.Plan("FigureSGD", "figure-sgd", """
              sgd:
                base: {model: mlp, optimizer: sgd, steps: 10}
                sweep:
                  batch_size: [50, 0]
                  lr: [0.1, 0.2, 0.4]
                  seed: [1, 5, 6]
            """);
        FinishedRun Run(PlannedRun p, double sharpness) => SyntheticRuns.TwoSteps(p, sharpness, testAccuracy: 0.8, trainAccuracy: 1.0);
        double Noise(PlannedRun p) => 1 + 0.01 * p.Config.Seed;
        var byLr = planned.Select(p => Run(p, 2 / p.Config.Lr * Noise(p) * (p.Config.BatchSize == 0 ? 1 : 0.9))).ToList();
        var byBatch = planned.Select(p => Run(p, (p.Config.BatchSize == 0 ? 10 : 2) * Noise(p) * (1 + p.Config.Lr / 10))).ToList();

        var pass = SgdLearningRateVersusBatchCheck.Judge("FigureSGD", byLr);
        Assert.Equal(ClaimVerdict.Pass, pass.Verdict);
        Assert.Contains("2 seeds per cell", pass.Measured);
        Assert.Equal(6, pass.Excluded.Count);   // seed 1 in every cell
        Assert.Equal(ClaimVerdict.Fail, SgdLearningRateVersusBatchCheck.Judge("FigureSGD", byBatch).Verdict);
    }
}
