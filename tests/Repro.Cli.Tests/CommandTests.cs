namespace Repro.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private const string Figure3 = SmallFigure3.Yaml;

    private readonly TestProject project = new(Figure3);

    public void Dispose() => project.Dispose();

    [Fact]
    public void MalformedExperimentExitsTwoWithOneLineAndWritesNothing()
    {
        project.WriteExperiment("figure3.yaml", Figure3.Replace("steps: 30", "steps: -3"));
        foreach (var command in new[] { "plan", "status", "render" })
        {
            var (exit, stdout, stderr) = project.Repro(command);
            Assert.Equal(2, exit);
            Assert.Equal("", stdout);
            Assert.Equal($"error: {project.Combine("experiments", "figure3.yaml")}:6: runs.trajectories.base.steps: must be at least 1",
                         stderr.TrimEnd('\n'));
        }
        Assert.False(Directory.Exists(project.StorePath));
        Assert.False(Directory.Exists(project.Combine("results")));
    }

    [Fact]
    public void RunThenRenderWritesFigureTableAndGalleryAndASecondRunSaysCached()
    {
        var first = project.Repro("run", "--target", "Figure3");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(3, first.Stdout.Split('\n').Count(l => l.Contains(": training (")));

        var second = project.Repro("run", "--target", "Figure3");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(3, second.Stdout.Split('\n').Count(l => l.Contains(": cached (")));
        Assert.DoesNotContain("training", second.Stdout);

        var render = project.Repro("render", "--target", "Figure3");
        Assert.Equal(0, render.ExitCode);
        foreach (var file in new[] { "figures/figure3.png", "figures/figure3.svg", "tables/figure3.md", "README.md" })
            Assert.True(File.Exists(project.Combine("results", file)), file);
        Assert.Contains("diverged at step", File.ReadAllText(project.Combine("results", "tables", "figure3.md")));
    }

    [Fact]
    public void PlanJsonListsEveryRunWithKeyAndStatus()
    {
        var (exit, stdout, _) = project.Repro("plan", "--json");
        Assert.Equal(0, exit);
        using var plan = System.Text.Json.JsonDocument.Parse(stdout);
        var runs = plan.RootElement.GetProperty("artifacts")[0].GetProperty("runs");
        Assert.Equal(3, runs.GetArrayLength());
        Assert.All(runs.EnumerateArray(), r =>
        {
            Assert.Equal(24, r.GetProperty("key").GetString()!.Length);
            Assert.Equal("missing", r.GetProperty("status").GetString());
        });
    }

    [Fact]
    public void UnknownKeyIsABadArgument()
    {
        var (exit, _, stderr) = project.Repro("run", "--key", "ffffffffffffffffffffffff");
        Assert.Equal(2, exit);
        Assert.Equal("error: no planned run has key ffffffffffffffffffffffff; `repro plan` lists them", stderr.TrimEnd('\n'));
    }

    [Fact]
    public void PlanOfAFullyCachedGraphIsEmpty()
    {
        Assert.Equal(0, project.Repro("run", "--target", "Figure3").ExitCode);
        var (exit, stdout, _) = project.Repro("plan", "--json");
        Assert.Equal(0, exit);
        using var plan = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(0, plan.RootElement.GetProperty("missing").GetArrayLength());
        Assert.Equal(0, plan.RootElement.GetProperty("batches").GetArrayLength());
    }

    [Fact]
    public void KeysRunInTwoStoresAndMergedLeaveNothingMissing()
    {
        using var plan = System.Text.Json.JsonDocument.Parse(project.Repro("plan", "--json", "--max-jobs", "2").Stdout);
        var batches = plan.RootElement.GetProperty("batches").EnumerateArray().Select(b => b.GetString()!).ToList();
        Assert.Equal(2, batches.Count);
        for (int job = 0; job < 2; job++)
        {
            var run = ReproProcess.Run(project.Path, "run", "--key", batches[job], "--store", project.Combine($"job-{job}"));
            Assert.Equal(0, run.ExitCode);
        }
        var merge = project.Repro("merge", "--from", project.Combine("job-0"), project.Combine("job-1"));
        Assert.Equal(0, merge.ExitCode);
        Assert.Equal($"merged 3 new entries into {project.StorePath} (0 already present)", merge.Stdout.Trim());
        using var after = System.Text.Json.JsonDocument.Parse(project.Repro("plan", "--json").Stdout);
        Assert.Equal(0, after.RootElement.GetProperty("missing").GetArrayLength());
    }

    [Fact]
    public async Task TwoConcurrentProcessesTrainEachKeyOnceAndLeaveAnIntactStore()
    {
        project.WriteExperiment("figure3.yaml",
                                Figure3.Replace("steps: 30", "steps: 400").Replace("lr: [0.01]", "lr: {logspace: [1.0e-4, 1.0e-2, 12]}"));
        var runs = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() => project.Repro("run", "--target", "Figure3")))
            .ToArray();
        var results = await Task.WhenAll(runs);
        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        int trained = results.Sum(r => r.Stdout.Split('\n').Count(l => l.Contains(": training (")));
        Assert.Equal(14, trained);
        var verify = project.Repro("verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("verified 14 entries", verify.Stdout);
    }
}
