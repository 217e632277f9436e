using Repro.Pipeline.Settings;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Specs;

/// <summary>The repository's Figure1, Figure1b and Table1 experiment files load, and Table1 is drawn from the runs of figure1b.yaml.</summary>
public class Figure1ExperimentsTests
{
    private static readonly ExperimentCatalog Catalog = ExperimentCatalog.Load(Path.Combine(ProjectRoot.Find(AppContext.BaseDirectory), "experiments"));

    [Theory]
    [InlineData("Figure1")]
    [InlineData("Figure1b")]
    [InlineData("Table1")]
    public void EveryProfileResolvesWithQuickSmallerThanPaper(string artifact)
    {
        var spec = Catalog.Artifact(artifact);
        var quick = spec.Resolve("quick");
        var paper = spec.Resolve("paper");
        Assert.NotEmpty(quick);
        Assert.True(paper.Count > quick.Count);
        Assert.Equal(5, paper.Select(r => r.Config.Integer("seed")).Distinct().Count());
    }

    [Fact]
    public void Table1IsDrawnFromFigure1bsRunsDeclaredOnce()
    {
        var figure = Catalog.Artifact("Figure1b");
        var table = Catalog.Artifact("Table1");
        Assert.Equal(figure.SourceFile, table.SourceFile);
        Assert.Equal(figure.Resolve("paper").Select(r => r.Identity), table.Resolve("paper").Select(r => r.Identity));
    }

    [Fact]
    public void ElevenArtifactsFromAtMostNineFiles()
    {
        Assert.Equal(["Figure1", "Figure1b", "Figure2", "Figure3", "FigureClippedAda", "FigureClippedAdaStudy", "FigureClippedAdaStudyCifar10", "FigureRotationCorrelation", "FigureSGD", "Table1", "Table2"],
                     Catalog.Artifacts.Select(a => a.Artifact).Order(StringComparer.Ordinal));
        Assert.InRange(Catalog.Artifacts.Select(a => a.SourceFile).Distinct().Count(), 1, 9);
    }
}
