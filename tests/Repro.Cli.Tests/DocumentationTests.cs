using System.Text.RegularExpressions;

namespace Repro.Cli.Tests;

/// <summary>
/// What a newcomer reads: a README short enough to read in ten minutes, links that lead somewhere, and nothing pointing
/// at ../shared, which only the development machines have (a clone has docs/paper-facts.md and docs/data.md).
/// </summary>
public partial class DocumentationTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Repro.sln"))) root = root.Parent!;
        return root.FullName;
    }

    private static IEnumerable<string> Pages() =>
        [Path.Combine(Root, "README.md"), .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")];

    [GeneratedRegex(@"\]\(([^)#\s]+)(#[^)]*)?\)")]
    private static partial Regex Link();

    [Fact]
    public void TheReadmeIsAtMost250Lines() => Assert.InRange(File.ReadAllLines(Path.Combine(Root, "README.md")).Length, 1, 250);

    [Fact]
    public void EveryRelativeLinkOfTheReadmeAndDocsLeadsToAFile()
    {
        foreach (string page in Pages())
            foreach (Match match in Link().Matches(File.ReadAllText(page)))
            {
                string target = match.Groups[1].Value;
                if (target.Contains("://", StringComparison.Ordinal)) continue;
                string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{Path.GetRelativePath(Root, page)} links to {target}, which does not exist");
            }
    }

    [Fact]
    public void NothingAUserReadsPointsAtTheDevelopmentMachinesSharedFolder()
    {
        var read = Pages().Concat(Directory.GetFiles(Path.Combine(Root, "experiments"), "*.yaml"))
            .Concat(Directory.GetFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")));
        Assert.All(read, file => Assert.DoesNotContain("../shared", File.ReadAllText(file)));
    }
}
