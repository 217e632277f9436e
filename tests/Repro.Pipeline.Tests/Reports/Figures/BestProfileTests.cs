using Repro.Pipeline.Planning;
using Repro.Pipeline.Reports;

namespace Repro.Pipeline.Tests.Reports.Figures;

/// <summary>Rendering at the best profile the store holds, per run group, and saying so in the table, gallery and CLAIMS.md.</summary>
public class BestProfileTests
{
    // quick: 50 steps; paper: 60 steps for every group.
    private static readonly string TwoProfiles = TestProject.TinyFigure3.Replace("  quick: {}", "  quick: {}\n  paper:\n    set: {steps: 60}");

    [Fact]
    public void EachGroupRendersAtItsMostCompleteCachedProfileAndEveryOutputNamesIt()
    {
        using var project = new TestProject(TwoProfiles);
        var workspace = project.Open();
        var spec = workspace.Catalog.Artifact("Figure3");
        foreach (var item in workspace.Plan(spec, "quick")) workspace.Execute(item, TextWriter.Null);

        var quick = workspace.Render(spec, null);
        Assert.Equal("quick", quick.Profile);
        Assert.StartsWith("quick profile, 50 steps", quick.Scale);

        // The paper runs of one group only: that group moves up, the other stays at quick.
        foreach (var item in workspace.Plan(spec, "paper").Where(p => p.Run.Group == "trajectories")) workspace.Execute(item, TextWriter.Null);
        var mixed = project.Open().Render(spec, null);
        Assert.Equal("paper + quick", mixed.Profile);
        Assert.Contains("trajectories: paper profile, 60 steps", mixed.Scale);
        Assert.Contains("lr_grid: quick profile, 50 steps", mixed.Scale);
        Assert.All(mixed.Claims, c => Assert.Equal(mixed.Scale, c.Scale));

        string results = Path.Combine(project.Path, "results");
        Assert.Contains("trajectories: paper profile, 60 steps", File.ReadAllText(Path.Combine(results, "README.md")));
        string claims = File.ReadAllText(Path.Combine(results, "CLAIMS.md"));
        Assert.Contains("trajectories: paper profile, 60 steps", claims);
        Assert.Contains("The preconditions are new and were written after seeing results", claims);
        Assert.Contains("| artifact | profile / scale | claim |", claims);
        Assert.Contains("paper profile / quick profile", File.ReadAllText(Path.Combine(results, "tables", "figure3.md")));

        // Asked for a profile, it renders exactly that one and refuses while any of its runs is missing.
        var error = Assert.Throws<InvalidOperationException>(() => project.Open().Render(spec, "paper"));
        Assert.Contains("2 of 5 runs are not in the store", error.Message);
    }

    [Fact]
    public void ThePlannerSaysWhichRunsOfAGroupAreCachedUnderAProfile()
    {
        using var project = new TestProject(TwoProfiles);
        var workspace = project.Open();
        var spec = workspace.Catalog.Artifact("Figure3");
        foreach (var item in workspace.Plan(spec, "quick").Where(p => p.Run.Group == "lr_grid")) workspace.Execute(item, TextWriter.Null);
        Assert.All(workspace.Planner.PlanGroup(spec, "lr_grid", "quick"), p => Assert.Equal(RunStatus.Cached, p.Status));
        Assert.All(workspace.Planner.PlanGroup(spec, "lr_grid", "paper"), p => Assert.NotEqual(RunStatus.Cached, p.Status));
        var choices = ProfileChoice.Best(workspace.Planner, spec);
        Assert.Equal([("trajectories", (string?)null), ("lr_grid", "quick")], choices.Select(c => (c.Group, c.Profile)));
    }

    [Fact]
    public void ScaleNamesProfileImagesStepsAndSeeds()
    {
        var planned = SyntheticRuns.Plan("Figure1", "figure1", """
              gd:
                base: {model: mlp, optimizer: gd, steps: 10000, train_size: 1000, lr: 0.1}
                sweep: {seed: [0, 1, 2, 3, 4]}
            """);
        var runs = planned.Select(p => SyntheticRuns.Run(p, 100, 10, _ => 5, profile: "paper")).ToList();
        Assert.Equal("paper profile, 1,000 images, 10,000 steps, 5 seeds", Scale.Of(runs));
        Assert.Equal("profile not recorded, 1,000 images, 10,000 steps, 1 seed", Scale.Of([SyntheticRuns.Run(planned[0], 100, 10, _ => 5)]));
    }
}
