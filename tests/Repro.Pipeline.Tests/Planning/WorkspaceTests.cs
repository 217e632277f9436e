using Repro.Pipeline.Planning;

namespace Repro.Pipeline.Tests.Planning;

public class WorkspaceTests
{
    [Fact]
    public void SecondPassTrainsNothingAndRendersTheSameTable()
    {
        using var project = new TestProject();
        var workspace = project.Open();
        var spec = workspace.Catalog.Artifact("Figure3");
        var plan = workspace.Plan(spec, null);
        Assert.All(plan, p => Assert.Equal(RunStatus.Missing, p.Status));
        Assert.All(plan, p => Assert.True(workspace.Execute(p, TextWriter.Null)));
        workspace.Render(spec, null);
        string table = File.ReadAllText(Path.Combine(project.Path, "results", "tables", "figure3.md"));

        var again = project.Open();
        var secondPlan = again.Plan(spec, null);
        Assert.All(secondPlan, p => Assert.Equal(RunStatus.Cached, p.Status));
        Assert.All(secondPlan, p => Assert.False(again.Execute(p, TextWriter.Null)));
        again.Render(spec, null);
        Assert.Equal(table, File.ReadAllText(Path.Combine(project.Path, "results", "tables", "figure3.md")));
        Assert.True(File.Exists(Path.Combine(project.Path, "results", "figures", "figure3.png")));
        Assert.True(File.Exists(Path.Combine(project.Path, "results", "figures", "figure3.svg")));
        Assert.Contains("## Figure3", File.ReadAllText(Path.Combine(project.Path, "results", "README.md")));
    }

    [Fact]
    public void EditingABaseSettingMakesTheRunsStaleAndSaysWhyWhileANewSweepPointIsMissing()
    {
        using var project = new TestProject();
        var workspace = project.Open();
        foreach (var item in workspace.Plan(workspace.Catalog.Artifact("Figure3"), null)) workspace.Execute(item, TextWriter.Null);

        project.WriteExperiment("figure3.yaml", TestProject.TinyFigure3.Replace("lr: [0.001, 0.011, 0.2]", "lr: [0.001, 0.012, 0.2]")
                                                                        .Replace("lr: [0.005, 0.05]", "lr: [0.005, 0.05, 0.5]"));
        var edited = project.Open();
        var plan = edited.Plan(edited.Catalog.Artifact("Figure3"), null);
        var notCached = plan.Where(p => p.Status != RunStatus.Cached).ToList();
        Assert.Equal(["trajectories[lr=0.012]", "lr_grid[lr=0.5]"], notCached.Select(p => $"{p.Run.Group}[{p.Run.Label}]"));
        Assert.All(notCached, p => Assert.Equal(RunStatus.Missing, p.Status));   // a new sweep point is a new run, not a stale one
        Assert.Equal(2, plan.Count(p => edited.Execute(p, TextWriter.Null)));

        project.WriteExperiment("figure3.yaml", TestProject.TinyFigure3.Replace("steps: 50", "steps: 60"));
        var longer = project.Open();
        var stale = longer.Plan(longer.Catalog.Artifact("Figure3"), null);
        Assert.All(stale, p => Assert.Equal(RunStatus.Stale, p.Status));
        Assert.All(stale, p => Assert.Equal(["config.steps 50 -> 60"], p.Why));
        Assert.Equal("Figure3/trajectories/quick/lr=0.011", stale[1].Identity.ToString());
    }

    [Fact]
    public void RunsOfAnotherProfileNeverTrainedAreMissingNotStale()
    {
        using var project = new TestProject(TestProject.TinyFigure3.Replace("quick: {}", "quick: {}\n  paper: {set: {steps: 70}}"));
        var workspace = project.Open();
        var spec = workspace.Catalog.Artifact("Figure3");
        foreach (var item in workspace.Plan(spec, "quick")) workspace.Execute(item, TextWriter.Null);
        var paper = project.Open().Plan(spec, "paper");
        Assert.All(paper, p => Assert.Equal(RunStatus.Missing, p.Status));
        Assert.All(paper, p => Assert.Equal(["never run"], p.Why));
    }

    [Fact]
    public void RenderRefusesWhenRunsAreMissing()
    {
        using var project = new TestProject();
        var workspace = project.Open();
        var error = Assert.Throws<InvalidOperationException>(() => workspace.Render(workspace.Catalog.Artifact("Figure3"), null));
        Assert.Contains("5 of 5 runs are not in the store", error.Message);
        Assert.False(Directory.Exists(Path.Combine(project.Path, "results", "figures")));
    }

    [Fact]
    public void UnknownRendererIsAnErrorAtLoad()
    {
        using var project = new TestProject(TestProject.TinyFigure3.Replace("render: figure3", "render: figure9"));
        var error = Assert.Throws<Repro.Pipeline.Specs.SpecException>(() => project.Open());
        // The known list grows with every artifact; it must name the renderers, not be one exact string.
        // Line 3, where render: is (it said line 1 before the check moved into the reader).
        Assert.Contains("figure3.yaml:3: render: unknown renderer 'figure9' (known: ", error.Message);
        Assert.Contains("figure3", error.Message[error.Message.IndexOf("(known:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void TwoArtifactsOfOneFileShareTheirRunsTrainedOnceAndBothRender()
    {
        using var project = new TestProject(TestProject.TinyFigure3.Replace(
            "artifact: Figure3\ndescription: A small Figure 3 for tests.\nrender: figure3\n",
            "artifacts:\n  Figure3: {render: figure3, description: A small Figure 3.}\n  Figure3Again: {render: figure3, description: The same runs drawn again.}\n"));
        var workspace = project.Open();
        var first = workspace.Catalog.Artifact("Figure3");
        var second = workspace.Catalog.Artifact("Figure3Again");
        Assert.Equal(workspace.Plan(first, null).Select(p => p.Key.Value), workspace.Plan(second, null).Select(p => p.Key.Value));
        Assert.Equal(5, workspace.Plan(first, null).Count(p => workspace.Execute(p, TextWriter.Null)));
        Assert.All(workspace.Plan(second, null), p => Assert.Equal(RunStatus.Cached, p.Status));
        workspace.Render(first, null);
        workspace.Render(second, null);
        Assert.True(File.Exists(Path.Combine(project.Path, "results", "tables", "figure3.md")));
        Assert.True(File.Exists(Path.Combine(project.Path, "results", "tables", "figure3again.md")));
    }
}
