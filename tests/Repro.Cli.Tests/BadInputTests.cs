using System.Text.RegularExpressions;

namespace Repro.Cli.Tests;

/// <summary>
/// The corpus in <c>BadInput/</c>: each file is a malformed experiment whose first line says what the error must
/// name (<c># expect: reason</c>) and, when a second line says <c># line: N</c>, the line it must point at. Every one must stop the real tool with exactly one line (file, line, reason), exit code 2, and no output
/// written to the store or results.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TestProject project = new(figure3Yaml: null);

    public void Dispose() => project.Dispose();

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "BadInput"), "*.yaml").Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void CorpusHoldsAtLeastTwentyFiveCases() => Assert.True(Corpus().Count >= 25, $"{Corpus().Count} cases");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void MalformedExperimentStopsWithOneLineAndWritesNothing(string name)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "BadInput", name);
        string expected = File.ReadLines(source).First().Replace("# expect: ", "");
        string? expectedLine = File.ReadLines(source).Skip(1).First() is var second && second.StartsWith("# line: ", StringComparison.Ordinal)
            ? second["# line: ".Length..] : null;
        string target = project.Combine("experiments", "figure3.yaml");
        File.Copy(source, target);

        var (exit, stdout, stderr) = project.Repro("run", "--target", "Default");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        var line = Assert.Single(lines);
        var match = Regex.Match(line, $"^error: {Regex.Escape(target)}:(\\d+): (.+)$");
        Assert.True(match.Success, line);
        Assert.InRange(int.Parse(match.Groups[1].Value), 1, File.ReadLines(target).Count() + 1);
        Assert.Contains(expected, match.Groups[2].Value);
        if (expectedLine is not null) Assert.Equal(expectedLine, match.Groups[1].Value);
        AssertNothingWritten();
    }

    /// <summary>Files that cannot be committed to the corpus: links made here, and a file with the wrong extension.</summary>
    [Theory]
    [InlineData("broken-link", "figure9.yaml:1: cannot read the file (a broken symbolic link)")]
    [InlineData("link-loop", "loop.yaml:1: cannot read the file (a symbolic link that cannot be followed (a loop?))")]
    [InlineData("yml", "figure9.yml:1: experiment files end in .yaml")]
    [InlineData("newline-name", "bad\\nname.yaml:2: missing required key 'runs'")]
    public void UnreadableOrMisnamedFileStopsWithOneLine(string kind, string expected)
    {
        string experiments = project.ExperimentsPath;
        switch (kind)
        {
            case "broken-link":
                File.CreateSymbolicLink(Path.Combine(experiments, "figure9.yaml"), project.Combine("nowhere.yaml"));
                break;
            case "link-loop":
                File.CreateSymbolicLink(Path.Combine(experiments, "loop.yaml"), Path.Combine(experiments, "loop2.yaml"));
                File.CreateSymbolicLink(Path.Combine(experiments, "loop2.yaml"), Path.Combine(experiments, "loop.yaml"));
                break;
            case "newline-name":
                File.WriteAllText(Path.Combine(experiments, "bad\nname.yaml"), "# a file name holding a newline\nartifact: figure\n");
                break;
            default:
                File.WriteAllText(Path.Combine(experiments, "figure9.yml"), "artifact: Figure9\n");
                break;
        }
        var (exit, stdout, stderr) = project.Repro("run", "--target", "Default");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(expected, Assert.Single(stderr.TrimEnd('\n').Split('\n')));
        AssertNothingWritten();
    }

    /// <summary>An artifact may not take the name of a target the build defines itself: the reserved list covers every one.</summary>
    [Fact]
    public void EveryTargetTheBuildDefinesIsReserved()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Repro.sln"))) root = root.Parent!;
        var defined = Directory.EnumerateFiles(Path.Combine(root.FullName, "build"), "*.cake").Append(Path.Combine(root.FullName, "build.cake"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "Task\\(\"([A-Za-z]+)\"\\)").Select(m => m.Groups[1].Value))
            .ToList();
        Assert.Contains("Default", defined);
        Assert.All(defined, target => Assert.Contains(target, Repro.Pipeline.Specs.ExperimentReader.ReservedTargets));
    }

    [Theory]
    [InlineData("--profile", "nightly", "--profile nightly: no experiment file declares this profile")]
    [InlineData("--target", "Figure9", "no artifact named 'Figure9'")]
    public void UnknownProfileOrArtifactStopsWithOneLine(string option, string value, string reason)
    {
        project.WriteExperiment("figure3.yaml",
                                string.Join('\n', File.ReadLines(Path.Combine(AppContext.BaseDirectory, "BadInput", "01-syntax-unclosed-list.yaml")).Skip(1))
                                      .Replace("lr: [0.001, 0.2\n", "lr: [0.001, 0.2]\n"));
        string[] arguments = option == "--target" ? ["run", option, value] : ["run", "--target", "Figure3", option, value];
        var (exit, stdout, stderr) = project.Repro(arguments);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(reason, Assert.Single(stderr.TrimEnd('\n').Split('\n')));
        AssertNothingWritten();
    }

    private void AssertNothingWritten()
    {
        Assert.False(Directory.Exists(project.StorePath), "the store was written");
        Assert.False(Directory.Exists(project.Combine("results")), "results were written");
    }
}
