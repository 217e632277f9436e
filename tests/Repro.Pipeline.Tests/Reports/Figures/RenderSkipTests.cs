namespace Repro.Pipeline.Tests.Reports.Figures;

/// <summary>
/// A render whose inputs (the chosen runs' keys and the drawing code) equal its last one's is skipped: what makes a no-op
/// ./build.sh cheap. Anything that changes the figures (a run, a missing file, --force) draws again.
/// </summary>
public class RenderSkipTests
{
    private static string FigurePath(TestProject project) => Path.Combine(project.Path, "results", "figures", "figure3.png");

    private static Workspace Trained(TestProject project)
    {
        var workspace = project.Open();
        foreach (var item in workspace.Plan(workspace.Catalog.Artifact("Figure3"), null)) workspace.Execute(item, TextWriter.Null);
        return workspace;
    }

    [Fact]
    public void ASecondRenderOfTheSameRunsIsSkippedAndForceDrawsAgain()
    {
        using var project = new TestProject();
        var workspace = Trained(project);
        var spec = workspace.Catalog.Artifact("Figure3");
        var first = workspace.Render(spec, null);
        Assert.False(first.UpToDate);
        Assert.StartsWith("sha256:", first.Inputs);
        var drawn = File.GetLastWriteTimeUtc(FigurePath(project));

        var second = project.Open().Render(spec, null);
        Assert.True(second.UpToDate);
        Assert.Equal(first.Claims.Select(c => c.Measured), second.Claims.Select(c => c.Measured));
        Assert.Equal(drawn, File.GetLastWriteTimeUtc(FigurePath(project)));

        Assert.False(project.Open().Render(spec, null, force: true).UpToDate);
    }

    [Fact]
    public void AFigureDrawnAgainInTheSameProcessIsTheSameSvg()
    {
        // Skia numbers clip paths from a process-wide counter: the second drawing would say cl_29 where the first said cl_1.
        using var project = new TestProject();
        var workspace = Trained(project);
        var spec = workspace.Catalog.Artifact("Figure3");
        workspace.Render(spec, null);
        string svg = Path.Combine(project.Path, "results", "figures", "figure3.svg");
        var first = File.ReadAllBytes(svg);
        workspace.Render(spec, null, force: true);
        Assert.Equal(first, File.ReadAllBytes(svg));
        Assert.Contains("id=\"cl_1\"", File.ReadAllText(svg));
    }

    [Fact]
    public void AMissingFigureOrAChangedRunDrawsAgain()
    {
        using var project = new TestProject();
        var workspace = Trained(project);
        var spec = workspace.Catalog.Artifact("Figure3");
        var first = workspace.Render(spec, null);

        File.Delete(FigurePath(project));
        Assert.False(project.Open().Render(spec, null).UpToDate);
        Assert.True(File.Exists(FigurePath(project)));

        // One η changed: a new key, so new inputs.
        project.WriteExperiment("figure3.yaml", TestProject.TinyFigure3.Replace("lr: [0.001, 0.011, 0.2]", "lr: [0.001, 0.012, 0.2]"));
        var edited = Trained(project);
        var redrawn = edited.Render(edited.Catalog.Artifact("Figure3"), null);
        Assert.False(redrawn.UpToDate);
        Assert.NotEqual(first.Inputs, redrawn.Inputs);
    }

    /// <summary>
    /// Records are committed, so a merge conflict or a hand edit can damage one. Before, `repro render` died with a stack
    /// trace, and a record naming a table outside results/ had its file copied into the gallery. Now such an artifact
    /// counts as not rendered (the gallery and CLAIMS.md say its record is damaged) and its next render draws it again.
    /// </summary>
    [Theory]
    [InlineData("truncated")]
    [InlineData("merge conflict")]
    [InlineData("figures null")]
    [InlineData("another artifact")]
    [InlineData("a table outside results")]
    [InlineData("an absolute table path")]
    public void ADamagedRecordCountsAsNotRenderedAndTheNextRenderDrawsItAgain(string damage)
    {
        using var project = new TestProject();
        var workspace = Trained(project);
        var spec = workspace.Catalog.Artifact("Figure3");
        workspace.Render(spec, null);
        string record = Path.Combine(project.Path, "results", "records", "figure3.json");
        string secret = Path.Combine(project.Path, "secret.txt");
        File.WriteAllText(secret, "SECRET-42");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(record))!.AsObject();
        switch (damage)
        {
            case "truncated": File.WriteAllText(record, File.ReadAllText(record)[..40]); break;
            case "merge conflict": File.WriteAllText(record, "<<<<<<< HEAD\n" + File.ReadAllText(record) + "\n=======\n"); break;
            case "figures null": json["figures"] = null; File.WriteAllText(record, json.ToJsonString()); break;
            case "another artifact": json["artifact"] = "Figure1"; File.WriteAllText(record, json.ToJsonString()); break;
            case "a table outside results": json["tables"] = new System.Text.Json.Nodes.JsonArray("tables/../../secret.txt"); File.WriteAllText(record, json.ToJsonString()); break;
            case "an absolute table path": json["tables"] = new System.Text.Json.Nodes.JsonArray(secret); File.WriteAllText(record, json.ToJsonString()); break;
        }

        Assert.Null(Repro.Pipeline.Reports.Figures.RenderRecord.Load(workspace.Results, "Figure3", out string? problem));
        Assert.StartsWith(record + ":", problem);
        Repro.Pipeline.Reports.Figures.Gallery.Write(workspace.Catalog, workspace.Results);
        string gallery = File.ReadAllText(workspace.Results.Gallery);
        Assert.Contains("_Its render record (records/figure3.json) is damaged", gallery);
        Assert.DoesNotContain("SECRET-42", gallery);

        var redrawn = project.Open().Render(spec, null);
        Assert.False(redrawn.UpToDate);
        Assert.NotNull(Repro.Pipeline.Reports.Figures.RenderRecord.Load(workspace.Results, "Figure3", out problem));
        Assert.Null(problem);
    }
}
