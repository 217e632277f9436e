using System.Text.Json.Nodes;
using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Planning;

/// <summary><c>repro status --costs</c>'s peak-memory table: a synthetic store's recorded peaks against the memory model, by hand.</summary>
public sealed class MemoryCheckTests : IDisposable
{
    private const double MiB = 1024.0 * 1024;
    private readonly TemporaryFolder folder = new("repro-memory-");

    // A diagonal run: 100 MiB; an MLP: 200 MiB + 100 KiB per step image (+ its images held).
    private static readonly MemoryModel Model = new(new MemoryCalibration("test", 100 * MiB, new Dictionary<string, ModelMemory>
    {
        ["mlp"] = new("fashion-mnist", 32, 200 * MiB, 100 * 1024),
    }));

    private static readonly KeyEnvironment Environment = new(3, "0.107.0.0", "2.10.0.0", 2);

    public void Dispose() => folder.Dispose();

    /// <summary>Publishes a run, then sets its recorded peak by hand (null: removed, as in a manifest written before peaks were).</summary>
    private void Publish(RunStore store, string fields, double? peakMiB, double startMiB = 50)
    {
        var config = RunConfig.Complete(fields.Split(", ").Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => FieldText.Parse(RunFields.Find(p[0])!, p[1])));
        var entry = store.Publish(RunKey.For(config, Environment, "none"), new RunIdentity("A", "g", "quick", fields), work =>
            File.WriteAllText(Path.Combine(work, "outcome.json"), """{"diverged": false, "steps_run": 10, "diverged_at_step": null}"""));
        var manifest = JsonNode.Parse(File.ReadAllText(entry.PathOf(RunFiles.Manifest)))!;
        if (peakMiB is { } peak) manifest["machine"]!["peak_rss_bytes"] = (long)(peak * MiB);
        else manifest["machine"]!.AsObject().Remove("peak_rss_bytes");
        manifest["machine"]!["start_rss_bytes"] = (long)(startMiB * MiB);
        File.WriteAllText(entry.PathOf(RunFiles.Manifest), manifest.ToJsonString());
    }

    [Fact]
    public void EachKindSpreadsItsRecordedPeaksOverTheEstimateAndRunsWithoutOneAreLeftOut()
    {
        var store = new RunStore(folder.Path);
        const string diagonal = "model=diagonal-linear-2, optimizer=gd, steps=10, seed=0, init=[0.1,1], dtype=float64";
        Publish(store, $"{diagonal}, lr=0.1", 100);
        Publish(store, $"{diagonal}, lr=0.2", 250);
        Publish(store, $"{diagonal}, lr=0.3", 120);
        Publish(store, $"{diagonal}, lr=0.4", null);
        // Begun at 150 MiB, over its 100 MiB estimate (an earlier run's leftovers): counted apart, not a ratio of 3.
        Publish(store, $"{diagonal}, lr=0.5", 300, startMiB: 150);
        // MLP, 1,024 training images, 0 test: 200 MiB + 100 MiB + 1,024 × 3,136 bytes held (3.0625 MiB) = 303.0625 MiB.
        Publish(store, "model=mlp, optimizer=gd, lr=0.1, steps=10, seed=0, train_size=1024, test_size=1", 303.0625 + 4 * 784 / MiB);

        var skipped = new List<string>();
        var spreads = MemoryCheck.Spreads(StoreCosts.Read(store, skipped), Model).ToDictionary(s => s.Kind);
        Assert.Empty(skipped);

        var diagonalSpread = spreads["diagonal-linear-2"];
        Assert.Equal((3, 1), (diagonalSpread.Runs, diagonalSpread.Inherited));
        Assert.Equal((1.0, 1.2, 2.5), (diagonalSpread.Lowest, diagonalSpread.Median, diagonalSpread.Highest));
        Assert.Equal(120 * MiB, diagonalSpread.MedianMeasuredBytes, 1);
        var mlp = spreads["mlp gd, no curvature"];
        Assert.Equal(1.0, mlp.Median, 1e-6);
        Assert.Null(mlp.Fallback);

        var lines = MemoryCheck.Lines([.. spreads.Values]).ToList();
        Assert.Contains(lines, l => l.StartsWith("diagonal-linear-2", StringComparison.Ordinal) && l.Contains("outside 1.5×") && l.Contains("+1 begun above"));
        Assert.Equal("peak memory: 1 of 2 kinds outside 1.5× of their estimates", lines[^1]);
    }

    [Fact]
    public void AKindWhoseRunsAllBeganAboveTheirEstimateHasNoSpreadAndIsNotOutside()
    {
        var store = new RunStore(folder.Path);
        Publish(store, "model=diagonal-linear-2, optimizer=gd, steps=10, seed=0, init=[0.1,1], dtype=float64, lr=0.1", 650, startMiB: 600);
        var spread = Assert.Single(MemoryCheck.Spreads(StoreCosts.Read(store, []), Model));
        Assert.Equal((0, 1), (spread.Runs, spread.Inherited));
        var lines = MemoryCheck.Lines([spread]).ToList();
        Assert.Equal("diagonal-linear-2                                0       -       -       -       -       -  (+1 begun above their estimate: memory an earlier run of the process kept)", lines[1]);
        Assert.Equal("peak memory: every kind within 1.5× of its estimate", lines[^1]);
    }

    [Fact]
    public void AStoreWithoutRecordedPeaksSaysSoInOneLine()
    {
        var store = new RunStore(folder.Path);
        Publish(store, "model=diagonal-linear-2, optimizer=gd, steps=10, seed=0, init=[0.1,1], dtype=float64, lr=0.1", null);
        var lines = MemoryCheck.Lines(MemoryCheck.Spreads(StoreCosts.Read(store, []), Model)).ToList();
        Assert.StartsWith("peak memory: no manifest records one", Assert.Single(lines));
    }
}
