using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using static Repro.Pipeline.Tests.Reports.SyntheticRuns;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class FigureSgdRendererTests
{
    private static readonly string Yaml = SgdYaml(0.05, 0.1, 0.2);

    /// <summary>Final sharpness per run in plan order (batch 50: η 0.05, 0.1, 0.2; then full batch).</summary>
    private static List<FinishedRun> Runs(params double[] finalSharpness) =>
        Plan(Yaml).Select((run, i) => TwoSteps(run, finalSharpness[i], testAccuracy: 0.8, trainAccuracy: 1.0)).ToList();

    [Fact]
    public void PassesWhenSharpnessFallsWithLrAtEveryBatchSize()
    {
        var claim = FigureSgdRenderer.Persists("FigureSGD", Runs(30, 18, 9, 35, 19, 10));
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
    }

    [Fact]
    public void FailsOnOneInversion()
    {
        var claim = FigureSgdRenderer.Persists("FigureSGD", Runs(30, 18, 9, 13, 19, 10));
        Assert.Equal(ClaimVerdict.Fail, claim.Verdict);
        Assert.Contains("full batch", claim.Measured);
    }

    [Fact]
    public void DivergedRunsAreLeftOutAndTooFewIsInconclusive()
    {
        var runs = Runs(30, 18, 9, 35, 19, 10);
        var plan = Plan(Yaml);
        for (int i = 1; i < runs.Count; i++)   // all but one run diverged: nothing left to compare
            runs[i] = Finished(plan[i], new Dictionary<string, double[]> { [MetricColumns.TrainLoss] = [1, 1e9], [MetricColumns.Sharpness] = [1, 1] }, diverged: true);
        var claim = FigureSgdRenderer.Persists("FigureSGD", runs);
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Equal(5, claim.Excluded.Count);
        Assert.All(claim.Excluded, e => Assert.Contains("diverged at step", e));
    }

    [Fact]
    public void RenderWritesTheFigureAndTable()
    {
        using var results = new TempResults();
        var rendering = new FigureSgdRenderer().Render(Spec(Yaml), Runs(30, 18, 9, 35, 19, 10), results.Folder);
        Assert.All(rendering.Figures.Concat(rendering.Tables), f => Assert.True(results.Wrote(f), f));
        Assert.Equal(new FigureSgdRenderer().ClaimStatements, rendering.Claims.Select(c => c.Statement));
    }

    [Fact]
    public void TheFirstVerdictsJudgeTheSeedsSeenWhenTheCheckWasWrittenAndTheReplicationsTheLaterOnes()
    {
        // Seed 0 falls with η at both batch sizes, seed 5 rises at full batch: the first verdict passes, its replication fails.
        var yaml = Yaml.Replace("lr: [", "seed: [0, 5], lr: [");
        var runs = Plan(yaml).Select(run =>
        {
            double lr = run.Config.Number("lr");
            bool rises = run.Config.Integer("seed") == 5 && run.Config.BatchSize == 0;
            return TwoSteps(run, rises ? 10 * lr : 1 / lr, testAccuracy: 0.8, trainAccuracy: 1.0);
        }).ToList();
        using var results = new TempResults();
        var claims = new FigureSgdRenderer().Render(Spec(yaml), runs, results.Folder).Claims;
        Assert.Equal([ClaimVerdict.Pass, ClaimVerdict.Pass, ClaimVerdict.Fail, ClaimVerdict.Fail], claims.Take(4).Select(c => c.Verdict));
        Assert.Contains("(1 seed", claims[0].Measured);
        Assert.Contains("seeds ≥ 5", claims[2].Statement);
    }
}
