using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Figures;

namespace Repro.Pipeline.Tests.Reports.Figures;

/// <summary>A render keeps a record resting on a more complete profile than the store can give, and redraws files changed since.</summary>
public class CommittedProfilesTests
{
    // quick: 50 steps; paper: 60 steps for every group.
    private static readonly string TwoProfiles = TestProject.TinyFigure3.Replace("  quick: {}", "  quick: {}\n  paper:\n    set: {steps: 60}");

    private static Workspace Trained(TestProject project, string profile)
    {
        var workspace = project.Open();
        foreach (var item in workspace.Plan(workspace.Catalog.Artifact("Figure3"), profile)) workspace.Execute(item, TextWriter.Null);
        return workspace;
    }

    [Fact]
    public void APaperRecordIsKeptWhenTheStoreHoldsOnlyQuickRunsUnlessAskedToReplaceIt()
    {
        using var project = new TestProject(TwoProfiles);
        var workspace = Trained(project, "paper");
        var spec = workspace.Catalog.Artifact("Figure3");
        var paper = workspace.Render(spec, null);
        Assert.Equal("paper", paper.Profile);
        Assert.Equal(new Dictionary<string, string> { ["trajectories"] = "paper", ["lr_grid"] = "paper" }, paper.GroupProfiles);
        string record = File.ReadAllText(workspace.Results.Record("Figure3"));

        // Another store: only quick runs.
        Directory.Delete(project.StorePath, recursive: true);
        var quickOnly = Trained(project, "quick");
        var kept = quickOnly.Render(spec, null);
        Assert.Equal("paper, this store has quick", kept.KeptBecause);
        Assert.Equal(record, File.ReadAllText(workspace.Results.Record("Figure3")));

        // An empty store keeps it too, rather than refusing for missing runs.
        Directory.Delete(project.StorePath, recursive: true);
        Assert.Contains("this store has none of its runs", project.Open().Render(spec, null).KeptBecause);

        quickOnly = Trained(project, "quick");
        var mixed = RenderRecord.Load(workspace.Results, "Figure3")! with
        {
            GroupProfiles = new Dictionary<string, string> { ["trajectories"] = "paper", ["lr_grid"] = "quick" },
        };
        Assert.Equal("trajectories at paper, this store has quick",
                     CommittedProfiles.KeepReason(mixed, spec, Repro.Pipeline.Planning.ProfileChoice.Best(quickOnly.Planner, spec)));
        Assert.Equal("quick", quickOnly.Render(spec, null, replaceCommitted: true).Profile);
        Assert.Null(project.Open().Render(spec, null).KeptBecause);   // quick over quick: nothing lost
    }

    [Fact]
    public void ARecordWrittenBeforeGroupProfilesIsReadFromItsScale()
    {
        using var project = new TestProject(TwoProfiles);
        var spec = project.Open().Catalog.Artifact("Figure3");
        RenderRecord Old(string profile, string scale) => new("Figure3", profile, 5, DateTimeOffset.UnixEpoch, [], [], []) { Scale = scale };

        Assert.Equal(new Dictionary<string, string> { ["trajectories"] = "paper", ["lr_grid"] = "quick" },
                     CommittedProfiles.Of(Old("paper + quick", "trajectories: paper profile, 60 steps; lr_grid: quick profile, 50 steps"), spec));
        Assert.Equal(new Dictionary<string, string> { ["trajectories"] = "paper", ["lr_grid"] = "paper" },
                     CommittedProfiles.Of(Old("paper", "paper profile, 60 steps"), spec));
        Assert.Equal(new Dictionary<string, string> { ["lr_grid"] = "paper" },
                     CommittedProfiles.Of(Old("paper", "paper profile, 60 steps; NOT RUN: trajectories"), spec));
        Assert.Equal(new Dictionary<string, string> { ["trajectories"] = "paper", ["lr_grid"] = "paper" },
                     CommittedProfiles.Of(Old("paper + quick", ""), spec));
    }

    [Fact]
    public void AFigureOverwrittenWithJunkIsDrawnAgainNotUpToDate()
    {
        using var project = new TestProject();
        var workspace = Trained(project, "quick");
        var spec = workspace.Catalog.Artifact("Figure3");
        var first = workspace.Render(spec, null);
        string png = Path.Combine(project.Path, "results", "figures", "figure3.png");
        Assert.Equal(64, first.Sha256[first.Figures[0]].Length);
        var drawn = File.ReadAllBytes(png);

        File.WriteAllText(png, "junk");
        var again = project.Open().Render(spec, null);
        Assert.False(again.UpToDate);
        Assert.Equal(drawn, File.ReadAllBytes(png));
        Assert.True(project.Open().Render(spec, null).UpToDate);
    }
}
