namespace Repro.Cli.Tests;

/// <summary>
/// A real `repro train` / `repro run` child process sent SIGINT (Ctrl-C) or SIGTERM (Slurm's time limit, a cancelled CI
/// job) part-way through a run checkpoints at the next step boundary, starts no other run and exits 128 + the signal;
/// the next invocation resumes and ends with the same metrics, byte for byte, as a run that was never stopped.
/// Before, the signal ended the process at once and the run, checkpointed only at its end, started over.
/// Both tests send SIGTERM: Ctrl-C's SIGINT takes the same path (<c>Interruption</c> registers both alike), but a test
/// run started in the background by a non-interactive shell hands every child SIGINT ignored (POSIX), and an ignored
/// signal stays ignored in .NET, so a SIGINT test would pass or fail by how the tests were started.
/// </summary>
public sealed class InterruptionTests : IDisposable
{
    private const int SigTerm = 15;

    private readonly TestProject project = new("budget.yaml", TimeBudgetTests.Experiment);

    public void Dispose() => project.Dispose();

    [Fact]
    public void TrainCheckpointsOnSigtermExitsWith143AndTheRerunEndsExactlyAsAnUninterruptedRun()
    {
        string straight = project.Combine("straight"), stopped = project.Combine("stopped");
        Assert.Equal(0, ReproProcess.Run(project.Path, ["train", .. TimeBudgetTests.Fields, "--out", straight]).ExitCode);

        (int ExitCode, string Stdout, string Stderr) first;
        using (var victim = ReproProcess.Start(project.Path, ["train", .. TimeBudgetTests.Fields, "--out", stopped]))
        {
            WaitForRows(victim, Path.Combine(stopped, "metrics.csv"), 100);
            victim.Signal(SigTerm);
            first = victim.WaitForExit(TimeSpan.FromMinutes(2));
        }
        Assert.True(first.ExitCode == 143, $"exit {first.ExitCode}: {first.Stderr}");
        Assert.Contains("SIGTERM: stopping at the next step boundary with a checkpoint", first.Stderr);
        long step = long.Parse(System.Text.RegularExpressions.Regex.Match(first.Stderr, @"stopped at step (\d+) of 3000; checkpointed in").Groups[1].Value);
        Assert.True(step >= 100, $"stopped at step {step}, before the signal");
        Assert.True(File.Exists(Path.Combine(stopped, "checkpoints", $"step-{step:D8}.tensors")), "the checkpoint the message names");
        Assert.False(File.Exists(Path.Combine(stopped, "outcome.json")), "an interrupted run has no outcome");

        var rerun = ReproProcess.Run(project.Path, ["train", .. TimeBudgetTests.Fields, "--out", stopped]);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains($"resuming from the checkpoint at step {step}\n", rerun.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "metrics.csv")), File.ReadAllBytes(Path.Combine(stopped, "metrics.csv")));
    }

    [Fact]
    public void SigtermStopsTheRunInProgressStartsNoOtherAndExitsWith143()
    {
        using var two = new TestProject("budget.yaml", TimeBudgetTests.TwoRuns);
        string store = two.Combine("store");
        (int ExitCode, string Stdout, string Stderr) first;
        using (var victim = ReproProcess.Start(two.Path, "run", "--target", "Budget", "--store", store, "--data", TestData.Directory))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            string? metrics = null;
            while (metrics is null)
            {
                Assert.False(victim.Process.HasExited, "the run finished before it could be signalled");
                Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the first run to start");
                metrics = Directory.Exists(Path.Combine(store, ".work"))
                    ? Directory.GetFiles(Path.Combine(store, ".work"), "metrics.csv", SearchOption.AllDirectories).FirstOrDefault()
                    : null;
                Thread.Sleep(10);
            }
            WaitForRows(victim, metrics, 100);
            victim.Signal(SigTerm);
            first = victim.WaitForExit(TimeSpan.FromMinutes(2));
        }
        string output = first.Stdout + first.Stderr;
        Assert.True(first.ExitCode == 143, $"exit {first.ExitCode}: {output}");
        Assert.Contains("SIGTERM: stopping at the next step boundary with a checkpoint", output);
        Assert.Matches(@"stopped at step [1-9]\d* of 3000; checkpointed in", output);
        Assert.Matches(@"not started: Budget/mlp\[seed=1\]: interrupted before its turn", output);
        Assert.DoesNotContain(Directory.GetDirectories(store), d => !Path.GetFileName(d).StartsWith('.'));   // nothing published

        var status = ReproProcess.Run(two.Path, "status", "--store", store, "--data", TestData.Directory);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(status.Stdout, @"partial: step [1-9]\d*/3000"));
        var rerun = ReproProcess.Run(two.Path, "run", "--target", "Budget", "--store", store, "--data", TestData.Directory);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains("resuming from the checkpoint", rerun.Stdout);
        Assert.Equal(2, Directory.GetDirectories(store).Count(d => !Path.GetFileName(d).StartsWith('.')));
    }

    // Waits until the run has written this many metrics rows (after the header), so the signal lands mid-run.
    private static void WaitForRows(RunningRepro victim, string metrics, int rows)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!File.Exists(metrics) || RowCount(metrics) < rows)
        {
            Assert.False(victim.Process.HasExited, "the run finished before it could be signalled");
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {rows} rows in {metrics}");
            Thread.Sleep(10);
        }
    }

    private static int RowCount(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        int lines = 0;
        while (reader.ReadLine() is not null) lines++;
        return lines - 1;
    }
}
