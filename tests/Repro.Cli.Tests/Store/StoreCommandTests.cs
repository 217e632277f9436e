using System.Text.Json;

namespace Repro.Cli.Tests.Store;

/// <summary>Usage errors, merge's report and exit code, status's idea of stale, and `repro reproduce`, as real processes.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private static readonly string Figure3 =
        DiagonalExperiment.Trajectories("steps: 30", "{lr: [0.001, 0.2]}", "Small.", "quick: {}", "paper: {set: {steps: 40}}");

    private readonly TestProject project = new(Figure3);

    public void Dispose() => project.Dispose();

    private static void AssertOneLineUsageError((int ExitCode, string Stdout, string Stderr) result, string why)
    {
        Assert.True(result.ExitCode == 2, $"{why}: exit {result.ExitCode}, stderr: {result.Stderr}");
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"{why}: {lines.Length} lines: {result.Stderr}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Theory]
    [InlineData("plan", "--bogus")]
    [InlineData("plan", "--max-jobs", "many")]
    [InlineData("run", "--key")]
    [InlineData("merge")]
    [InlineData("merge", "--from")]
    [InlineData("verify", "extra")]
    [InlineData("status", "--profile")]
    [InlineData("render", "--nope", "--also-nope")]
    [InlineData("train", "--lr")]
    [InlineData("curvature")]
    [InlineData("version", "x")]
    [InlineData("nosuchcommand")]
    [InlineData("reproduce")]
    public void EveryParseErrorIsOneLineAndExitCodeTwo(params string[] arguments) =>
        AssertOneLineUsageError(ReproProcess.Run(project.Path, arguments), string.Join(' ', arguments));

    [Fact]
    public void TrainIntoAPlainFileIsOneLineAndExitCodeTwo()
    {
        string file = project.Combine("a-file");
        File.WriteAllText(file, "keep me");
        AssertOneLineUsageError(ReproProcess.Run(project.Path, "train", "--data", TestData.Directory, "--lr", "0.1", "--steps", "1", "--out", file), "--out file");
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("truncated")]
    public void CurvatureOfABrokenCheckpointIsOneLineAndExitCodeTwo(string damage)
    {
        string run = project.Combine("run");
        var train = ReproProcess.Run(project.Path, "train", "--data", TestData.Directory, "--train-size", "50", "--test-size", "20", "--width", "8",
                                     "--lr", "0.1", "--steps", "2", "--checkpoint-every", "2", "--threads", "1", "--out", run);
        Assert.Equal(0, train.ExitCode);
        string checkpoint = Directory.GetFiles(Path.Combine(run, "checkpoints")).Single();
        var bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, damage switch
        {
            "garbage" => [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))],
            "empty" => [],
            _ => bytes[..(bytes.Length / 2)],
        });
        AssertOneLineUsageError(ReproProcess.Run(project.Path, "curvature", "--data", TestData.Directory, "--checkpoint", checkpoint, "--threads", "1"), damage);
    }

    [Fact]
    public void TrainingAgainWithFewerStepsIntoAFinishedFolderIsRefusedAndLeavesItIntact()
    {
        string run = project.Combine("run");
        string[] args = ["train", "--data", TestData.Directory, "--train-size", "50", "--test-size", "20", "--width", "8",
                         "--lr", "0.1", "--checkpoint-every", "5", "--threads", "1", "--out", run];
        Assert.Equal(0, ReproProcess.Run(project.Path, [.. args, "--steps", "20"]).ExitCode);
        string metrics = File.ReadAllText(Path.Combine(run, "metrics.csv"));
        AssertOneLineUsageError(ReproProcess.Run(project.Path, [.. args, "--steps", "10"]), "fewer steps");
        Assert.Equal(metrics, File.ReadAllText(Path.Combine(run, "metrics.csv")));
        Assert.Contains("\"Steps\": 20", File.ReadAllText(Path.Combine(run, "spec.json")));
    }

    [Fact]
    public void MergeImportsTheGoodEntriesReportsEachBadOneOnOneLineAndExitsThree()
    {
        Assert.Equal(0, ReproProcess.Run(project.Path, "run", "--target", "Figure3", "--store", project.Combine("job")).ExitCode);
        var keys = Directory.GetDirectories(project.Combine("job")).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order().ToList();
        string manifest = project.Combine("job", keys[0]!, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest)[..100]);

        var merge = project.Repro("merge", "--from", project.Combine("job"));
        Assert.Equal(3, merge.ExitCode);
        Assert.Contains("merged 1 new entries", merge.Stdout);
        var skipped = merge.Stderr.TrimEnd('\n').Split('\n');
        Assert.StartsWith($"skipped {project.Combine("job", keys[0]!)}: manifest.json", Assert.Single(skipped));
        Assert.True(File.Exists(project.Combine("store", keys[1]!, "manifest.json")));
    }

    [Fact]
    public void VerifyMovesAsideWhatIsNotAVerifiedEntryAndRunRecomputesIt()
    {
        Assert.Equal(0, project.Repro("run", "--target", "Figure3").ExitCode);
        string store = project.StorePath;
        var keys = Directory.GetDirectories(store).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order().ToList();
        File.Delete(Path.Combine(store, keys[0]!, "manifest.json"));                     // a folder without a manifest
        Directory.Delete(Path.Combine(store, keys[1]!), recursive: true);
        File.WriteAllText(Path.Combine(store, keys[1]!), "stray");                       // a plain file at an entry's path

        var plan = project.Repro("plan");
        Assert.Equal(0, plan.ExitCode);
        Assert.Equal(2, plan.Stdout.Split('\n').Count(l => l.EndsWith("(missing)", StringComparison.Ordinal)));
        var verify = project.Repro("verify");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains($"corrupt {keys[0]}: manifest.json is missing", verify.Stdout);
        Assert.Contains($"corrupt {keys[1]}: a file, not an entry folder", verify.Stdout);
        Assert.Equal(2, Directory.GetFileSystemEntries(Path.Combine(store, ".corrupt")).Length);
        var run = project.Repro("run", "--target", "Figure3");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Stdout.Split('\n').Count(l => l.Contains(": training (", StringComparison.Ordinal)));
        Assert.Equal(0, project.Repro("verify").ExitCode);
    }

    [Fact]
    public void StatusCallsRunsNeverTrainedMissingAndStaleOnlyAgainstTheRunsOwnEarlierEntry()
    {
        Assert.Equal(0, project.Repro("run", "--target", "Figure3").ExitCode);   // quick only

        var paper = project.Repro("status", "--profile", "paper");
        Assert.Equal(0, paper.ExitCode);
        Assert.Equal(2, paper.Stdout.Split('\n').Count(l => l.TrimStart().StartsWith("missing ", StringComparison.Ordinal)));
        Assert.DoesNotContain("stale", paper.Stdout);

        project.WriteExperiment("figure3.yaml", Figure3.Replace("steps: 30", "steps: 35").Replace("0.001, 0.2", "0.001, 0.3"));
        var quick = project.Repro("status");
        var lines = quick.Stdout.Split('\n');
        Assert.Single(lines, l => l.Contains("stale", StringComparison.Ordinal) && l.Contains("[lr=0.001]", StringComparison.Ordinal)
                                  && l.Contains("config.steps 30 -> 35", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("missing", StringComparison.Ordinal) && l.Contains("[lr=0.3]", StringComparison.Ordinal));
    }

    [Fact]
    public void ManifestRecordsTheMachineAndReproduceFindsTheCachedEntryIdentical()
    {
        Assert.Equal(0, project.Repro("run", "--target", "Figure3").ExitCode);
        using var plan = JsonDocument.Parse(project.Repro("plan", "--json").Stdout);
        string key = plan.RootElement.GetProperty("artifacts")[0].GetProperty("runs")[1].GetProperty("key").GetString()!;
        using var manifest = JsonDocument.Parse(File.ReadAllText(project.Combine("store", key, "manifest.json")));
        var machine = manifest.RootElement.GetProperty("machine");
        foreach (var field in new[] { "cpu_model", "cpu_capability", "os", "dotnet", "torchsharp", "wall_seconds" })
            Assert.True(machine.TryGetProperty(field, out _), field);
        Assert.DoesNotContain(manifest.RootElement.GetProperty("inputs").EnumerateObject(), p => p.Name.Contains("cpu", StringComparison.Ordinal));

        var same = project.Repro("reproduce", "--key", key);
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("identical", same.Stdout);

        // A cached entry whose numbers were changed (and rehashed, so it verifies) is reported column by column.
        string metrics = project.Combine("store", key, "metrics.csv");
        var rows = File.ReadAllLines(metrics);
        var cells = rows[3].Split(',');
        cells[1] = (double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture) * 1.5).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        rows[3] = string.Join(',', cells);
        File.WriteAllLines(metrics, rows);
        string manifestPath = project.Combine("store", key, "manifest.json");
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(metrics)));
        File.WriteAllText(manifestPath, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(manifestPath), "\"metrics.csv\": \"[0-9a-f]+\"", $"\"metrics.csv\": \"{hash}\""));
        var differs = project.Repro("reproduce", "--key", key);
        Assert.Equal(1, differs.ExitCode);
        Assert.Contains("train_loss", differs.Stdout);
        Assert.Contains("0.333", differs.Stdout);   // |1.5x − x| / max(|1.5x|, |x|) = 1/3
    }
}
