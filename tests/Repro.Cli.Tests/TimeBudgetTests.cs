namespace Repro.Cli.Tests;

/// <summary>
/// A real `repro train` / `repro run` child process with `--time-budget` stops at a step boundary with exit code 75,
/// and the next invocation resumes and ends with the same metrics, byte for byte, as a run that was never stopped.
/// </summary>
public sealed class TimeBudgetTests : IDisposable
{
    // Long enough (several seconds on 2 threads) that a 2-second budget stops it part-way.
    private static readonly string[] Fields =
    [
        "--data", TestData.Directory, "--train-size", "500", "--test-size", "100", "--width", "32", "--lr", "0.1",
        "--steps", "3000", "--curvature-every", "300", "--stop-at-train-accuracy", "1.1", "--threads", "2",
    ];

    private const string Experiment = """
        artifact: Budget
        description: One MLP run, long enough to be stopped by a 2-second budget.
        render: figure1
        runs:
          mlp:
            base: {model: mlp, optimizer: gd, lr: 0.1, steps: 3000, train_size: 500, test_size: 100, width: 32,
                   curvature_every: 300, stop_at_train_accuracy: 1.1}
        profiles:
          quick: {}
        """;

    private const string PartialRunFile = "partial.json";

    private readonly TestProject project = new("budget.yaml", Experiment);

    public void Dispose() => project.Dispose();

    [Fact]
    public void TrainStopsWithExitCode75AndTheRerunEndsExactlyAsAnUninterruptedRun()
    {
        string straight = project.Combine("straight"), stopped = project.Combine("stopped");
        Assert.Equal(0, ReproProcess.Run(project.Path, ["train", .. Fields, "--out", straight]).ExitCode);

        var first = ReproProcess.Run(project.Path, ["train", .. Fields, "--out", stopped, "--time-budget", "2"]);
        Assert.Equal(75, first.ExitCode);
        Assert.Matches(@"stopped by the time budget at step \d+ of 3000", first.Stderr);
        Assert.False(File.Exists(Path.Combine(stopped, "outcome.json")), "a stopped run has no outcome");
        Assert.True(File.Exists(Path.Combine(stopped, "partial.json")));

        var rerun = ReproProcess.Run(project.Path, ["train", .. Fields, "--out", stopped]);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Matches(@"resuming from the checkpoint at step [1-9]\d*\b", rerun.Stdout);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "metrics.csv")), File.ReadAllBytes(Path.Combine(stopped, "metrics.csv")));
        Assert.False(File.Exists(Path.Combine(stopped, "partial.json")), "a finished run is not partial");
    }

    [Fact]
    public void RunStopsPublishesNothingStatusShowsThePartialRunAndTheRerunFinishesIt()
    {
        string straight = project.Combine("straight"), stopped = project.Combine("stopped");
        Assert.Equal(0, ReproProcess.Run(project.Path, "run", "--target", "Budget", "--store", straight, "--data", TestData.Directory).ExitCode);
        string key = Directory.GetDirectories(straight).Select(Path.GetFileName).Single(d => !d!.StartsWith('.'))!;

        var first = ReproProcess.Run(project.Path, "run", "--target", "Budget", "--store", stopped, "--data", TestData.Directory, "--time-budget", "2");
        Assert.Equal(75, first.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(stopped, key)), "a stopped run publishes no entry");

        var status = ReproProcess.Run(project.Path, "status", "--store", stopped, "--data", TestData.Directory);
        Assert.Equal(0, status.ExitCode);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(status.Stdout, @"partial: step [1-9]\d*/3000, about \d+:\d\d:\d\d left"), status.Stdout);

        var rerun = ReproProcess.Run(project.Path, "run", "--target", "Budget", "--store", stopped, "--data", TestData.Directory);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains("resuming from the checkpoint", rerun.Stdout);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, key, "metrics.csv")), File.ReadAllBytes(Path.Combine(stopped, key, "metrics.csv")));
        Assert.DoesNotContain(PartialRunFile, File.ReadAllText(Path.Combine(stopped, key, "manifest.json")));
        Assert.Equal(0, ReproProcess.Run(project.Path, "verify", "--store", stopped).ExitCode);
    }
}
