using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using static Repro.Pipeline.Tests.Reports.SyntheticRuns;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class FigureClippedAdaRendererTests
{
    private static readonly string Yaml = ClippedAdaYaml();

    /// <summary>Final test accuracy per run in plan order: Adam seeds 0, 1; c = 0.1 seeds 0, 1; c = 1 seeds 0, 1.</summary>
    private static List<FinishedRun> Runs(params double[] accuracy) =>
        Plan(Yaml).Select((run, i) => TwoSteps(run, 5 + i, testAccuracy: accuracy[i])).ToList();

    [Fact]
    public void PassesWhenTheBestBoundBeatsAdamOnTheMean()
    {
        var claim = OptimizerComparison.BeatsAdam("FigureClippedAda", Runs(0.80, 0.82, 0.70, 0.72, 0.83, 0.81));
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);   // c = 1: mean 0.82 > Adam's 0.81
        Assert.Contains("Clipped-Ada c = 1", claim.Measured);
        Assert.Contains("2 seeds", claim.Measured);
    }

    [Fact]
    public void FailsWhenAdamIsAtLeastAsGood()
    {
        var claim = OptimizerComparison.BeatsAdam("FigureClippedAda", Runs(0.80, 0.82, 0.70, 0.72, 0.81, 0.81));
        Assert.Equal(ClaimVerdict.Fail, claim.Verdict);   // best c: 0.81 = Adam's 0.81, not strictly better
    }

    [Fact]
    public void RenderWritesFigureAndTableAndTable2TheSameTable()
    {
        using var results = new TempResults();
        var runs = Runs(0.80, 0.82, 0.70, 0.72, 0.83, 0.81);
        var figure = new FigureClippedAdaRenderer().Render(Spec(Yaml), runs, results.Folder);
        Assert.All(figure.Figures.Concat(figure.Tables), f => Assert.True(results.Wrote(f), f));
        var table = new Table2Renderer().Render(Spec(Yaml.Replace("FigureClippedAda", "Table2").Replace("figure-clipped-ada", "table2")), runs, results.Folder);
        Assert.True(results.Wrote(table.Tables[0]));
        Assert.Equal(File.ReadAllText(Path.Combine(results.Folder.Root, figure.Tables[0])), File.ReadAllText(Path.Combine(results.Folder.Root, table.Tables[0])));
    }
}
