using Repro.Pipeline.Settings;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Specs;

/// <summary>The repository's Figure1, Figure1b and Table1 experiment files load, and Table1 trains nothing Figure1b does not.</summary>
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

    [Theory]
    [InlineData("quick")]
    [InlineData("paper")]
    public void Table1DeclaresExactlyTheRunsOfFigure1b(string profile)
    {
        var figure = Catalog.Artifact("Figure1b").Resolve(profile).Select(r => r.Config.Canonical);
        var table = Catalog.Artifact("Table1").Resolve(profile).Select(r => r.Config.Canonical);
        Assert.Equal(figure, table);
    }
}
