namespace Repro.Cli.Tests;

/// <summary>
/// A real `repro run` child process killed with SIGKILL leaves no entry that looks complete; the next invocation
/// breaks the dead process's lock, resumes from the last checkpoint (not from step 0) and ends with the same
/// metrics, byte for byte, as a run that was never interrupted.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const string Experiment = """
        artifact: Crash
        description: One MLP run, checkpointed every 400 steps.
        render: figure1
        runs:
          mlp:
            base: {model: mlp, optimizer: gd, lr: 0.1, steps: 2000, train_size: 500, test_size: 100, width: 32,
                   checkpoint_every: 400, curvature_every: 400, curvature_measures: [lambda1, lambda2, subspace], stop_at_train_accuracy: 1.1}
        profiles:
          quick: {}
        """;

    private readonly TestProject project = new("crash.yaml", Experiment);

    public void Dispose() => project.Dispose();

    [Theory]
    [InlineData(0)]   // killed before its first checkpoint: starts again from step 0
    [InlineData(2)]   // killed after two checkpoints: resumes from the last one
    public void KilledRunResumesAndEndsExactlyAsAnUninterruptedRun(int checkpointsBeforeKill)
    {
        string straight = project.Combine("straight"), crashed = project.Combine("crashed");
        Assert.Equal(0, ReproProcess.Run(project.Path, "run", "--target", "Crash", "--store", straight, "--data", TestData.Directory).ExitCode);
        string key = Directory.GetDirectories(straight).Select(Path.GetFileName).Single(d => !d!.StartsWith('.'))!;

        string work = Path.Combine(crashed, ".work", key);
        using (var victim = ReproProcess.Start(project.Path, "run", "--target", "Crash", "--store", crashed, "--data", TestData.Directory))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!Ready(work, checkpointsBeforeKill))
            {
                Assert.False(victim.Process.HasExited, "the run finished before it could be killed");
                Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the run to reach the kill point");
                Thread.Sleep(5);
            }
            victim.Process.Kill(entireProcessTree: true);   // SIGKILL: no finally blocks, no flushing
            victim.Process.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(crashed, key, "manifest.json")), "a killed run must not leave a complete entry");
        Assert.True(File.Exists(Path.Combine(crashed, ".locks", key + ".lock")), "the dead process's lock stays behind");

        // The kill lands a little after the kill point (more so on a loaded machine): what must resume is whatever the
        // folder holds then, the newest checkpoint, or step 0 when there is none.
        long? newest = Directory.Exists(Path.Combine(work, "checkpoints"))
            ? Directory.GetFiles(Path.Combine(work, "checkpoints"), "*.tensors").Select(f => (long?)long.Parse(Path.GetFileNameWithoutExtension(f)["step-".Length..])).Max()
            : null;
        if (checkpointsBeforeKill > 0) Assert.True(newest >= 400 * checkpointsBeforeKill, $"newest checkpoint {newest}");
        var resumed = ReproProcess.Run(project.Path, "run", "--target", "Crash", "--store", crashed, "--data", TestData.Directory);
        Assert.Equal(0, resumed.ExitCode);
        if (newest is { } step)
            Assert.Contains($"resuming from the checkpoint at step {step}\n", resumed.Stdout.ReplaceLineEndings("\n"));
        else
            Assert.DoesNotContain("resuming", resumed.Stdout);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, key, "metrics.csv")), File.ReadAllBytes(Path.Combine(crashed, key, "metrics.csv")));
        Assert.Equal(0, ReproProcess.Run(project.Path, "verify", "--store", crashed).ExitCode);
    }

    /// <summary>
    /// A run with no checkpoint_every of its own still checkpoints every --checkpoint-interval seconds of wall time (30
    /// minutes by default): killed outright, it resumes from the newest of those, not from step 0. Each such checkpoint
    /// replaces the one before, so a finished folder holds only its final one.
    /// </summary>
    [Fact]
    public void ARunKilledOutrightResumesFromItsNewestTimedCheckpoint()
    {
        string straight = project.Combine("straight"), killed = project.Combine("killed");
        Assert.Equal(0, ReproProcess.Run(project.Path, ["train", .. TimeBudgetTests.Fields, "--out", straight]).ExitCode);
        string checkpoints = Path.Combine(killed, "checkpoints");
        long newest;
        using (var victim = ReproProcess.Start(project.Path, ["train", .. TimeBudgetTests.Fields, "--out", killed, "--checkpoint-interval", "0.3"]))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!Directory.Exists(checkpoints) || Directory.GetFiles(checkpoints, "step-*.tensors").Length == 0)
            {
                Assert.False(victim.Process.HasExited, "the run finished before it could be killed");
                Assert.True(DateTime.UtcNow < deadline, "timed out waiting for a timed checkpoint");
                Thread.Sleep(5);
            }
            victim.Process.Kill(entireProcessTree: true);   // SIGKILL: no handler runs
            victim.Process.WaitForExit();
            newest = Directory.GetFiles(checkpoints, "step-*.tensors").Select(f => long.Parse(Path.GetFileNameWithoutExtension(f)["step-".Length..])).Max();
        }
        Assert.InRange(newest, 1, 2999);

        var resumed = ReproProcess.Run(project.Path, ["train", .. TimeBudgetTests.Fields, "--out", killed, "--checkpoint-interval", "0.3"]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"resuming from the checkpoint at step {newest}\n", resumed.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "metrics.csv")), File.ReadAllBytes(Path.Combine(killed, "metrics.csv")));
        Assert.Equal(["step-00003000.tensors"], Directory.GetFiles(checkpoints).Select(Path.GetFileName));
    }

    private static bool Ready(string work, int checkpoints) =>
        checkpoints == 0
            ? File.Exists(Path.Combine(work, "metrics.csv"))
            : Directory.Exists(Path.Combine(work, "checkpoints"))
              && Directory.GetFiles(Path.Combine(work, "checkpoints"), "*.tensors").Length >= checkpoints;
}
