using System.Text.RegularExpressions;

namespace Repro.Cli.Tests;

/// <summary>
/// The corpus in <c>BadInput/</c>: each file is a malformed experiment whose first line says what the error must
/// name. Every one must stop the real tool with exactly one line (file, line, reason), exit code 2, and no output
/// written to the store or results.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "repro-bad-" + Guid.NewGuid().ToString("N"));

    public BadInputTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "experiments"));
        File.WriteAllText(Path.Combine(_root, "Repro.sln"), "");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

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
        string target = Path.Combine(_root, "experiments", "figure3.yaml");
        File.Copy(source, target);

        var (exit, stdout, stderr) = ReproProcess.Run(_root, "run", "--target", "Default", "--store", Path.Combine(_root, "store"));

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        var line = Assert.Single(lines);
        var match = Regex.Match(line, $"^error: {Regex.Escape(target)}:(\\d+): (.+)$");
        Assert.True(match.Success, line);
        Assert.InRange(int.Parse(match.Groups[1].Value), 1, File.ReadLines(target).Count() + 1);
        Assert.Contains(expected, match.Groups[2].Value);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("--profile", "nightly", "profile 'nightly' does not exist")]
    [InlineData("--target", "Figure9", "no artifact named 'Figure9'")]
    public void UnknownProfileOrArtifactStopsWithOneLine(string option, string value, string reason)
    {
        File.WriteAllText(Path.Combine(_root, "experiments", "figure3.yaml"),
                          string.Join('\n', File.ReadLines(Path.Combine(AppContext.BaseDirectory, "BadInput", "01-syntax-unclosed-list.yaml")).Skip(1))
                                .Replace("lr: [0.001, 0.2\n", "lr: [0.001, 0.2]\n"));
        string[] arguments = option == "--target" ? ["run", option, value] : ["run", "--target", "Figure3", option, value];
        var (exit, stdout, stderr) = ReproProcess.Run(_root, [.. arguments, "--store", Path.Combine(_root, "store")]);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(reason, Assert.Single(stderr.TrimEnd('\n').Split('\n')));
        AssertNothingWritten();
    }

    private void AssertNothingWritten()
    {
        Assert.False(Directory.Exists(Path.Combine(_root, "store")), "the store was written");
        Assert.False(Directory.Exists(Path.Combine(_root, "results")), "results were written");
    }
}
