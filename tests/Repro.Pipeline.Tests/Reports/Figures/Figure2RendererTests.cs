using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Figures;
using static Repro.Pipeline.Tests.Reports.SyntheticRuns;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class Figure2RendererTests
{
    private const string Yaml = """
        artifact: Figure2
        description: test
        render: figure2
        runs:
          instability:
            base: {model: mlp, optimizer: gd, lr: 0.3, steps: 6, curvature_every: 1, trace_probes: 2}
        profiles:
          quick: {}
        """;

    [Fact]
    public void TheLargestSpikeIsTheLargestRelativeRise()
    {
        // Rises: 0.5→0.6 (×1.2) and 0.1→0.2 (×2): the second, although it is smaller in absolute terms.
        Assert.Equal(4, Figure2Renderer.LargestSpike([1, 0.5, 0.6, 0.1, 0.2, 0.15]));
        Assert.Equal(0, Figure2Renderer.LargestSpike([3, 2, 1]));
    }

    [Fact]
    public void SnapshotsShowTheHighestInstabilitiesInTheOrderTheyHappened()
    {
        // η = 0.3, 2/η ≈ 6.67: peaks of 8 (step 2), 7.5 (step 5) and 9 (step 8), each falling back to 6 the step after.
        var run = Rotating(Plan(Yaml)[0], [6, 6, 8, 6, 6, 7.5, 6, 6, 9, 6, 6], [.. Enumerable.Repeat(1.0, 11)]);
        var shown = Figure2Snapshots.Largest(run, 2);
        Assert.Equal([2, 8], shown.Select(e => e.PeakIndex));
        Assert.Equal([3.0, 9.0], shown.Select(e => e.FallStep));
    }

    [Fact]
    public void RenderWritesTheFigureAndTheWindowTable()
    {
        using var results = new TempResults();
        var run = Finished(Plan(Yaml)[0], new Dictionary<string, double[]>
        {
            [MetricColumns.TrainLoss] = [1, 0.5, 0.6, 0.1, 0.2, 0.15, 0.1],
            [MetricColumns.Sharpness] = [2, 4, 6, 7, 6, 6.5, 6.6],
            [MetricColumns.HessianTrace] = [20, 30, 40, 45, 41, 42, 43],
            [MetricColumns.LambdaMin] = [-1, -0.5, -2, -0.3, -0.2, -0.2, -0.1],
            [MetricColumns.RotationCosine] = [double.NaN, 0.9, 0.99, 0.2, 0.5, 0.999, 0.99],
        });
        var rendering = new Figure2Renderer().Render(Spec(Yaml), [run], results.Folder);
        Assert.All(rendering.Figures.Concat(rendering.Tables), f => Assert.True(results.Wrote(f), f));
        Assert.Contains("(step 4)", File.ReadAllText(Path.Combine(results.Folder.Root, rendering.Tables[0])));
    }

    [Fact]
    public void RenderShowsTheEigengapAndSubspaceRotationsWhenTheRunRecordedThem()
    {
        using var results = new TempResults();
        var run = Finished(Plan(Yaml)[0], new Dictionary<string, double[]>
        {
            [MetricColumns.TrainLoss] = [1, 0.5, 0.6, 0.1, 0.2, 0.15, 0.1],
            [MetricColumns.Sharpness] = [2, 4, 6, 7, 6, 6.5, 6.6],
            [MetricColumns.Lambda2] = [1, 3, 5.9, 4, 5.95, 6, 3],
            [MetricColumns.RotationCosine] = [double.NaN, 0.9, 0.99, 0.2, 0.5, 0.999, 0.99],
            [MetricColumns.SubspaceRotation] = [double.NaN, 0.1, 0.05, 0.1, 0.02, 0.01, 0.01],
            [MetricColumns.V1SubspaceRotation] = [double.NaN, 0.1, 0.05, 0.3, 0.02, 0.01, 0.01],
        });
        var rendering = new Figure2Renderer().Render(Spec(Yaml), [run], results.Folder);
        string table = File.ReadAllText(Path.Combine(results.Folder.Root, rendering.Tables[0]));
        Assert.Contains("| 3 | 0.1 | 7 | 1.050 | — | — | 0.8 | 4 | 3 | 0.1 |", table);   // λ₂ = 4, gap 3, subspace rotation 0.1
        Assert.Contains("profile not recorded", table);
    }
}
