using System.Text.Json.Nodes;
using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Planning;

/// <summary><c>repro status --costs</c>: a synthetic store's runs read back and their measured / estimated spread by hand.</summary>
public sealed class CostCheckTests : IDisposable
{
    private readonly TemporaryFolder folder = new("repro-costs-");

    // 1 s per run before its first step; an MLP step costs 1 ms + 10 µs per example; a diagonal step 1 ms.
    private static readonly CostModel Model = new(new CostCalibration(
        CostCalibration.CurrentSchemaVersion, "2026-01-01 00:00 UTC", "test", 2, "0", 3, RunOverheadSeconds: 1,
        new Dictionary<string, ModelCost> { ["mlp"] = new("fashion-mnist", 3, 32, 0.001, 1e-5, 0) },
        CurvatureGradientEquivalents: 0, HvpGradientEquivalents: 0, DiagonalStepSeconds: 1e-3, ReferenceGpu: null));

    private static readonly KeyEnvironment Environment = new(3, "0.107.0.0", "2.10.0.0", 2);

    public void Dispose() => folder.Dispose();

    private static RunConfig Config(string fields) =>
        RunConfig.Complete(fields.Split(", ").Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => FieldText.Parse(RunFields.Find(p[0])!, p[1])));

    /// <summary>Publishes a run that ran <paramref name="stepsRun"/> steps, then sets its recorded seconds by hand.</summary>
    private void Publish(RunStore store, string fields, int stepsRun, double wallSeconds, double? cpuSeconds)
    {
        var key = RunKey.For(Config(fields), Environment, "none");
        var entry = store.Publish(key, new RunIdentity("A", "g", "quick", fields), work =>
            File.WriteAllText(Path.Combine(work, "outcome.json"), $$"""{"diverged": false, "steps_run": {{stepsRun}}, "diverged_at_step": null}"""));
        var manifest = JsonNode.Parse(File.ReadAllText(entry.PathOf(RunFiles.Manifest)))!;
        manifest["duration_seconds"] = wallSeconds;
        manifest["machine"]!["cpu_seconds"] = cpuSeconds;
        File.WriteAllText(entry.PathOf(RunFiles.Manifest), manifest.ToJsonString());
    }

    [Fact]
    public void EachKindIsJudgedByItsCpuTimedRunsAndAKindTimedByWallClockOnlyIsShownNotJudged()
    {
        var store = new RunStore(folder.Path);
        // Diagonal runs of 100 steps: estimate 0.1 s; CPU 0.1, 0.2 and 0.12 s: ratios 1, 2, 1.2.
        Publish(store, "model=diagonal-linear-2, optimizer=gd, lr=0.1, steps=100, seed=0, init=[0.1,1], dtype=float64", 100, 9, 0.1);
        Publish(store, "model=diagonal-linear-2, optimizer=gd, lr=0.2, steps=100, seed=0, init=[0.1,1], dtype=float64", 100, 9, 0.2);
        Publish(store, "model=diagonal-linear-2, optimizer=gd, lr=0.3, steps=100, seed=0, init=[0.1,1], dtype=float64", 100, 9, 0.12);
        // An MLP run (1,000 images, evaluation only at step 0 at no cost) that stopped after 500 of its 1,000 steps is
        // charged those: 1 + 500 × (1 ms + 1,000 × 10 µs) = 6.5 s; 13 s of wall time and no CPU time: ratio 2, shown, not judged.
        Publish(store, "model=mlp, optimizer=gd, lr=0.1, steps=1000, seed=0, evaluate_every=5000", 500, 13, null);
        // A diagonal run with wall time only, 9 s against 0.1 s: its kind has CPU-timed runs, so it is counted apart, not a ratio of 90.
        Publish(store, "model=diagonal-linear-2, optimizer=gd, lr=0.5, steps=100, seed=0, init=[0.1,1], dtype=float64", 100, 9, null);
        // A diagonal run of 5 steps (5 ms estimated) that took 20 ms: too short to time, counted apart, not a ratio of 4.
        Publish(store, "model=diagonal-linear-2, optimizer=gd, lr=0.4, steps=100, seed=0, init=[0.1,1], dtype=float64", 5, 9, 0.02);

        var skipped = new List<string>();
        var runs = StoreCosts.Read(store, skipped);
        Assert.Empty(skipped);
        var spreads = CostCheck.Spreads(runs, Model).ToDictionary(s => s.Kind);

        var diagonal = spreads["diagonal-linear-2"];
        Assert.Equal((3, "cpu", 1, 1), (diagonal.Runs, diagonal.Basis, diagonal.WallOnly, diagonal.TooShort));
        Assert.Equal(1.0, diagonal.Lowest, 1e-9);
        Assert.Equal(1.2, diagonal.Median, 1e-9);
        Assert.Equal(2.0, diagonal.Highest, 1e-9);
        Assert.False(diagonal.Within(CostCheck.Tolerance));

        var mlp = spreads["mlp gd, no curvature"];
        Assert.Equal((1, "wall", false), (mlp.Runs, mlp.Basis, mlp.Judged));
        Assert.Equal(2.0, mlp.Median, 1e-9);
        Assert.True(mlp.Within(CostCheck.Tolerance));   // not judged, so not outside

        var lines = CostCheck.Lines([.. spreads.Values]).ToList();
        Assert.Contains(lines, l => l.StartsWith("mlp gd, no curvature", StringComparison.Ordinal) && l.EndsWith("not judged: wall time only", StringComparison.Ordinal));
        Assert.Equal("1 of 1 judged kinds outside 1.5× of their estimates in CPU time; 1 kind not judged (no run recorded its CPU time)", lines[^1]);
    }

    [Fact]
    public void AnEntryWhoseFieldsNoLongerParseIsLeftOutWithOneLineNotAnError()
    {
        var store = new RunStore(folder.Path);
        var inputs = new Dictionary<string, string> { ["config.model"] = "mlp", ["config.no_such_field"] = "1" };
        store.Publish(new RunKey(RunKey.Hash(inputs), inputs), new RunIdentity("A", "g", "quick", "x"), work =>
            File.WriteAllText(Path.Combine(work, "outcome.json"), """{"diverged": false, "steps_run": 1}"""));
        var skipped = new List<string>();
        Assert.Empty(StoreCosts.Read(store, skipped));
        Assert.Contains("unknown field 'no_such_field'", Assert.Single(skipped));
    }

    [Fact]
    public void PublishRecordsTheRunsCpuTime()
    {
        var store = new RunStore(folder.Path);
        var inputs = new Dictionary<string, string> { ["config.lr"] = "0.1" };
        var entry = store.Publish(new RunKey(RunKey.Hash(inputs), inputs), new RunIdentity("A", "g", "quick", "x"), work =>
        {
            // Busy until this process has used 50 ms more CPU (a minute at most, so a starved machine cannot hang it).
            var start = System.Environment.CpuUsage.TotalTime;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while ((System.Environment.CpuUsage.TotalTime - start).TotalSeconds < 0.05 && clock.Elapsed.TotalMinutes < 1) { }
            File.WriteAllText(Path.Combine(work, "outcome.json"), "{}");
        });
        Assert.InRange(entry.Manifest.Machine!.CpuSeconds!.Value, 0.05, 2 * entry.Manifest.DurationSeconds + 1);
    }
}
