using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Tests.Reports.SyntheticRuns;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class FigureRotationCorrelationRendererTests
{
    private static List<FinishedRun> Runs(double[] sharpness, double[] cosine) =>
        Plan(RotationYaml).Select(run => Rotating(run, sharpness, cosine)).ToList();

    private static Claim Judge(List<FinishedRun> runs)
    {
        var seeds = runs.Select(FigureRotationCorrelationRenderer.Pairs).ToList();
        var pooled = new SeedPairs(-1, [.. seeds.SelectMany(s => s.Sharpness)], [.. seeds.SelectMany(s => s.Rotation)]);
        return FigureRotationCorrelationRenderer.Correlated("FigureRotationCorrelation", seeds, pooled);
    }

    [Fact]
    public void PairsSkipTheFirstMeasurementAndTurnCosineIntoRotation()
    {
        var pairs = FigureRotationCorrelationRenderer.Pairs(Runs([4, 5, 6], [double.NaN, 0.9, 0.5])[0]);
        Assert.Equal([5.0, 6.0], pairs.Sharpness);
        Assert.Equal(0.1, pairs.Rotation[0], 12);
        Assert.Equal(0.5, pairs.Rotation[1], 12);
    }

    [Fact]
    public void PassesWhenRotationGrowsWithSharpness()
    {
        // Rotation 1 − cos rises with λ₁: ρ = 1 per seed and pooled.
        var claim = Judge(Runs([1, 2, 3, 4, 5], [double.NaN, 0.99, 0.9, 0.6, 0.2]));
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Contains("pooled ρ = 1.000", claim.Measured);
    }

    [Fact]
    public void FailsWhenRotationFallsWithSharpness()
    {
        var claim = Judge(Runs([1, 2, 3, 4, 5], [double.NaN, 0.2, 0.6, 0.9, 0.99]));
        Assert.Equal(ClaimVerdict.Fail, claim.Verdict);
    }

    [Fact]
    public void RenderWritesTheFigureAndTable()
    {
        using var results = new TempResults();
        var rendering = new FigureRotationCorrelationRenderer().Render(Spec(RotationYaml), Runs([1, 2, 3, 4, 5], [double.NaN, 0.99, 0.9, 0.6, 0.2]), results.Folder);
        Assert.All(rendering.Figures.Concat(rendering.Tables), f => Assert.True(results.Wrote(f), f));
    }
}
