using System.Text.RegularExpressions;
using Repro.Pipeline.Planning;

namespace Repro.Cli.Tests;

/// <summary>
/// <c>repro run --workers 2</c> against real child processes (what scripts/test-train-batch.sh checked of the bash
/// pool it replaces): every key trained once into one store, which verifies clean; a spent budget stops both workers'
/// runs with checkpoints (exit 75); SIGTERM checkpoints both workers' runs, leaves no worker behind (exit 143), and
/// the rerun resumes them.
/// </summary>
public sealed class WorkerPoolTests : IDisposable
{
    private const int SigTerm = 15;

    // Four MLP runs; `steps` is filled in (short for a batch that must finish, long for one that must be stopped).
    private const string FourRuns = """
        artifact: Budget
        description: Four MLP runs.
        render: figure1
        runs:
          mlp:
            base: {model: mlp, optimizer: gd, lr: 0.1, steps: STEPS, train_size: 500, test_size: 100, width: 32,
                   curvature_every: 300, curvature_measures: [lambda1, lambda2, subspace], stop_at_train_accuracy: 1.1}
            sweep: {seed: [0, 1, 2, 3]}
        profiles:
          quick: {}
        """;

    private readonly List<TestProject> projects = [];

    public void Dispose()
    {
        foreach (var project in projects) project.Dispose();
    }

    [Fact]
    public void TwoWorkersTrainEveryKeyOnceIntoOneStoreThatVerifiesClean()
    {
        var project = Project(steps: 150);
        var keys = Missing(project);
        Assert.Equal(4, keys.Count);
        var batch = Repro(project, ["run", "--workers", "2", "--key", string.Join(" ", keys), "--time-budget", "600"]);
        Assert.True(batch.ExitCode == 0, batch.Stdout + batch.Stderr);
        Assert.Contains("[worker 1] ", batch.Stdout);
        Assert.Contains("[worker 2] ", batch.Stdout);
        foreach (var key in keys)
            Assert.Single(Regex.Matches(batch.Stdout, $@"^\[worker \d\] .*: trained in .*$", RegexOptions.Multiline), m => m.Value.Contains(Display(project, key)));
        Assert.Empty(Missing(project));
        var verify = Repro(project, ["verify"]);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
    }

    [Fact]
    public void ASpentBudgetStopsBothWorkersRunsWithCheckpointsAndExits75()
    {
        var project = Project(steps: 3000);
        var batch = Repro(project, ["run", "--workers", "2", "--key", string.Join(" ", Missing(project)), "--time-budget", "1"]);
        Assert.True(batch.ExitCode == 75, batch.Stdout + batch.Stderr);
        Assert.Equal(2, Partial(project));
    }

    [Fact]
    public void SigtermCheckpointsBothWorkersRunsLeavesNoWorkerAndTheRerunResumes()
    {
        var project = Project(steps: 3000);
        var keys = Missing(project);
        (int ExitCode, string Stdout, string Stderr) first;
        using (var pool = ReproProcess.Start(project.Path, ["run", "--workers", "2", "--key", string.Join(" ", keys), "--store", project.StorePath, "--data", TestData.Directory]))
        {
            WaitForTwoRunsTraining(pool, project.StorePath);
            pool.Signal(SigTerm);
            first = pool.WaitForExit(TimeSpan.FromMinutes(2));
        }
        string output = first.Stdout + first.Stderr;
        Assert.True(first.ExitCode == 143, $"exit {first.ExitCode}: {output}");
        Assert.Equal(2, Regex.Matches(output, @"\[worker \d\] SIGTERM: stopping at the next step boundary with a checkpoint").Count);
        Assert.DoesNotContain(System.Diagnostics.Process.GetProcesses(), p => CommandLine(p).Contains(keys[0]));
        Assert.Equal(2, Partial(project));

        var rerun = Repro(project, ["run", "--workers", "2", "--key", string.Join(" ", keys)]);
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.Equal(2, Regex.Matches(rerun.Stdout, "resuming from the checkpoint").Count);
        Assert.Empty(Missing(project));
    }

    private TestProject Project(int steps)
    {
        var project = new TestProject("budget.yaml", FourRuns.Replace("STEPS", steps.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        projects.Add(project);
        return project;
    }

    private static (int ExitCode, string Stdout, string Stderr) Repro(TestProject project, string[] arguments) =>
        project.Repro([.. arguments, "--data", TestData.Directory]);

    private static List<string> Missing(TestProject project) =>
        PlanDocument.Parse(Repro(project, ["plan", "--json"]).Stdout).Missing.ToList();

    private static string Display(TestProject project, string key) =>
        PlanDocument.Parse(Repro(project, ["plan", "--json"]).Stdout).Artifacts.SelectMany(a => a.Runs).First(r => r.Key == key).Display;

    // Runs with resumable partial work, as `repro status` lists them.
    private static int Partial(TestProject project) => Regex.Matches(Repro(project, ["status"]).Stdout, @"partial: step [1-9]\d*/3000").Count;

    // Until two runs have written 100 metrics rows each, so that the signal lands while both workers train.
    private static void WaitForTwoRunsTraining(RunningRepro pool, string store)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Directory.Exists(Path.Combine(store, ".work"))
               ? Directory.GetFiles(Path.Combine(store, ".work"), "metrics.csv", SearchOption.AllDirectories).Count(f => Rows(f) >= 100) < 2
               : true)
        {
            Assert.False(pool.Process.HasExited, "the batch finished before it could be signalled");
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for two runs to train");
            Thread.Sleep(20);
        }
    }

    private static int Rows(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            int lines = 0;
            while (reader.ReadLine() is not null) lines++;
            return lines - 1;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CommandLine(System.Diagnostics.Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
