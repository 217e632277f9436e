namespace Repro.Cli.Tests.Commands;

/// <summary>
/// <c>repro run</c> over several runs, with output redirected (the plain display): run i of N on every line of a run,
/// and a closing table that counts how the runs ended.
/// </summary>
public sealed class RunProgressTests : IDisposable
{
    // η = 0.2 diverges on L(a, b) = (ab)² from (−0.1, 10); the others converge.
    private static readonly string Figure3 = DiagonalExperiment.Trajectories("steps: 30", "{lr: [0.001, 0.01, 0.2]}");

    private readonly TestProject project = new(Figure3);

    public void Dispose() => project.Dispose();

    [Fact]
    public void EachRunIsNumberedAndTheClosingTableCountsTrainedDivergedAndCached()
    {
        var first = project.Repro("run", "--target", "Figure3");
        Assert.Equal(0, first.ExitCode);
        var lines = first.Stdout.Split('\n');
        foreach (var index in new[] { "[1/3] ", "[2/3] ", "[3/3] " })
            Assert.Contains(lines, l => l.StartsWith(index + "Figure3/trajectories[") && (l.Contains(": trained in ") || l.Contains(": diverged in ")));
        Assert.Contains(lines, l => l.StartsWith("3 runs in "));
        Assert.Equal(2, Count(lines, "trained"));
        Assert.Equal(1, Count(lines, "diverged"));
        Assert.Equal(0, Count(lines, "cached"));
        Assert.Equal(0, Count(lines, "failed"));

        var second = project.Repro("run", "--target", "Figure3");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(3, Count(second.Stdout.Split('\n'), "cached"));
        Assert.Equal(0, Count(second.Stdout.Split('\n'), "trained"));
    }

    [Fact]
    public void OneRunIsOneRunNotOneRuns()
    {
        var keys = project.Repro("plan").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ")[0]).ToList();
        var one = project.Repro("run", "--key", keys[0]);
        Assert.Equal(0, one.ExitCode);
        Assert.Contains(one.Stdout.Split('\n'), l => l.StartsWith("1 run in "));
    }

    /// <summary>The count on the closing table's row for <paramref name="end"/> ("  trained       2  0.4 s").</summary>
    private static int Count(string[] lines, string end) =>
        int.Parse(lines.Single(l => l.StartsWith($"  {end} ")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
