using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Figures;

namespace Repro.Pipeline.Tests.Chaos;

/// <summary>Control and bidirectional characters from experiment files never reach the committed Markdown as themselves.</summary>
public sealed class MarkdownChaosTests : IDisposable
{
    private const string Hidden = "\u202E\u2066\u200F\u0007\u001B";

    private readonly TestProject project = new("figure3.yaml", TestProject.TinyFigure3.Replace(
        "description: A small Figure 3 for tests.", "description: \"Reads fine \\u202Etxt.exe\\u2066 \\a\\e[31m end\"", StringComparison.Ordinal));

    [Fact]
    public void AGalleryOfADescriptionWithBidiAndControlCharactersShowsThemEscaped()
    {
        var workspace = Workspace.Open(project.Path, store: project.StorePath);
        Assert.Contains('\u202E', workspace.Catalog.Artifacts[0].Description);   // the reader keeps them: the writer's job

        Gallery.Write(workspace.Catalog, workspace.Results);

        string page = File.ReadAllText(workspace.Results.Gallery);
        Assert.DoesNotContain(page, c => Hidden.Contains(c));
        Assert.Contains("Reads fine U+202Etxt.exeU+2066 U+0007U+001B[31m end", page);
    }

    [Fact]
    public void ATableCellStaysOneVisibleCell()
    {
        string table = new MarkdownTable("name", "value").Add("a|b\nc" + Hidden + "[31m", "1").ToString();

        Assert.DoesNotContain(table, c => Hidden.Contains(c));
        Assert.Contains("| a\\|bU+000Ac", table);
        Assert.Equal(3, table.TrimEnd('\n').Split('\n').Length);
    }

    public void Dispose() => project.Dispose();
}
