using System.Diagnostics;
using System.Text.Json;

namespace Repro.Cli.Tests.Store;

/// <summary>
/// Several real `repro run` processes on one store and hundreds of cheap keys, with lock files left behind by
/// crashed or foreign processes planted first: every key is trained exactly once and the store verifies clean.
/// </summary>
public sealed class LockStressTests : IDisposable
{
    private const int Processes = 4;
    private const int Keys = 240;

    private static readonly string Experiment = DiagonalExperiment.Trajectories(
        "steps: 5", $"{{lr: {{logspace: [1.0e-4, 0.3, {Keys}]}}}}", "Many 2-parameter runs, each a few milliseconds.");

    private readonly TestProject project = new(Experiment);

    public void Dispose() => project.Dispose();

    [Fact]
    public async Task ProcessesRacingOverKeysWithStaleLocksTrainEachKeyExactlyOnce()
    {
        var plan = project.Repro("plan", "--json");
        Assert.Equal(0, plan.ExitCode);
        var keys = JsonDocument.Parse(plan.Stdout).RootElement.GetProperty("missing").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Equal(Keys, keys.Count);

        // Lock files as crashed or foreign processes leave them: empty, PID 0, PID 1, this process's PID, a dead PID.
        using var dead = Process.Start(new ProcessStartInfo("true"))!;
        dead.WaitForExit();
        string[] planted = ["", "0", "1", Environment.ProcessId.ToString(), dead.Id.ToString()];
        Directory.CreateDirectory(Path.Combine(project.StorePath, ".locks"));
        for (int i = 0; i < keys.Count; i += 3)
            File.WriteAllText(Path.Combine(project.StorePath, ".locks", keys[i] + ".lock"), planted[i / 3 % planted.Length]);

        // Each process walks the keys in its own order, so they collide on keys all the time.
        var runs = Enumerable.Range(0, Processes).Select(p =>
        {
            var order = p % 2 == 0 ? keys : Enumerable.Reverse(keys).ToList();
            var rotated = order.Skip(p * Keys / Processes).Concat(order.Take(p * Keys / Processes));
            return Task.Run(() => project.Repro("run", "--key", string.Join(" ", rotated)));
        }).ToArray();
        var results = await Task.WhenAll(runs);

        foreach (var run in results)
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        var trained = results.SelectMany(r => r.Stdout.Split('\n'))
            .Where(line => line.Contains(": training (", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf('(') + 1)..line.LastIndexOf(')')])
            .GroupBy(key => key)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(keys.Order(), trained.Keys.Order());
        var twice = trained.Where(kv => kv.Value != 1).Select(kv => $"{kv.Key}×{kv.Value}").ToList();
        Assert.True(twice.Count == 0, "trained more than once: " + string.Join(", ", twice));

        var verify = project.Repro("verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains($"verified {Keys} entries", verify.Stdout);
        Assert.Contains("0 corrupt", verify.Stdout);
        Assert.False(Directory.Exists(Path.Combine(project.StorePath, ".corrupt")));
    }
}
