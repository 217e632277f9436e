namespace Repro.Cli.Tests;

/// <summary>
/// A real `repro train` / `repro run` child process with `--time-budget` stops at a step boundary with exit code 75,
/// and the next invocation resumes and ends with the same metrics, byte for byte, as a run that was never stopped.
/// </summary>
public sealed class TimeBudgetTests : IDisposable
{
    // Long enough (several seconds on 2 threads) that a 2-second budget stops it part-way.
    internal static readonly string[] Fields =
    [
        "--data", TestData.Directory, "--train-size", "500", "--test-size", "100", "--width", "32", "--lr", "0.1",
        "--steps", "3000", "--curvature-every", "300", "--stop-at-train-accuracy", "1.1", "--threads", "2",
    ];

    internal const string Experiment = """
        artifact: Budget
        description: One MLP run, long enough to be stopped by a 2-second budget.
        render: figure-sgd
        runs:
          mlp:
            base: {model: mlp, optimizer: gd, lr: 0.1, steps: 3000, train_size: 500, test_size: 100, width: 32,
                   curvature_every: 300, stop_at_train_accuracy: 1.1}
        profiles:
          quick: {}
        """;

    private const string PartialRunFile = "partial.json";

    // Two such runs, for a budget that start-up alone spends.
    internal const string TwoRuns = """
        artifact: Budget
        description: Two MLP runs, each longer than the budget.
        render: figure-sgd
        runs:
          mlp:
            base: {model: mlp, optimizer: gd, lr: 0.1, steps: 3000, train_size: 500, test_size: 100, width: 32,
                   curvature_every: 300, stop_at_train_accuracy: 1.1}
            sweep: {seed: [0, 1]}
        profiles:
          quick: {}
        """;

    private readonly TestProject project = new("budget.yaml", Experiment);

    public void Dispose() => project.Dispose();

    [Fact]
    public void TrainStopsWithExitCode75AndTheRerunEndsExactlyAsAnUninterruptedRun()
    {
        string straight = project.Combine("straight"), stopped = project.Combine("stopped");
        Assert.Equal(0, ReproProcess.Run(project.Path, ["train", .. Fields, "--out", straight]).ExitCode);

        var first = ReproProcess.Run(project.Path, ["train", .. Fields, "--out", stopped, "--time-budget", "2"]);
        Assert.Equal(75, first.ExitCode);
        Assert.Matches(@"time budget of 2 s spent: the run in progress checkpoints at its next step boundary\n(.*\n)*stopped at step \d+ of 3000;", first.Stderr.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Path.Combine(stopped, "outcome.json")), "a stopped run has no outcome");
        Assert.True(File.Exists(Path.Combine(stopped, "partial.json")));

        var rerun = ReproProcess.Run(project.Path, ["train", .. Fields, "--out", stopped]);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Matches(@"resuming from the checkpoint at step [1-9]\d*\b", rerun.Stdout);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "metrics.csv")), File.ReadAllBytes(Path.Combine(stopped, "metrics.csv")));
        Assert.False(File.Exists(Path.Combine(stopped, "partial.json")), "a finished run is not partial");
    }

    /// <summary>A budget spent before training begins still buys the first run a step (each invocation makes progress),
    /// and the second run is not started and says so.</summary>
    [Fact]
    public void ABudgetSpentByStartUpStillStartsTheFirstRunAndNotTheSecond()
    {
        using var two = new TestProject("budget.yaml", TwoRuns);
        string store = two.Combine("store");
        var run = ReproProcess.Run(two.Path, "run", "--target", "Budget", "--store", store, "--data", TestData.Directory, "--time-budget", "1");
        Assert.Equal(75, run.ExitCode);
        string output = run.Stdout + run.Stderr;
        Assert.Matches(@"stopped at step [1-9]\d* of 3000; checkpointed in", output);
        Assert.Matches(@"not started: Budget/mlp\[seed=1\]: the time budget was spent before its turn", output);
        Assert.Matches(@"not started +1 ", output);   // its own row in the closing table
        var status = ReproProcess.Run(two.Path, "status", "--store", store, "--data", TestData.Directory);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(status.Stdout, @"partial: step [1-9]\d*/3000"));
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
