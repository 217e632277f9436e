using Repro.Pipeline.Planning;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Planning;

/// <summary>The nightly job's shape, on one machine: plan, train each batch into its own store, merge, render.</summary>
public class FanOutTests
{
    [Fact]
    public void RunsTrainedInSeparateStoresAndMergedMakeTheGraphCachedAndRenderTheSameResults()
    {
        using var project = new TestProject();
        string single = Path.Combine(project.Path, "single");
        var oneMachine = Workspace.Open(project.Path, results: Path.Combine(single, "results"), store: Path.Combine(single, "store"), threads: 2);
        var spec = oneMachine.Catalog.Artifact("Figure3");
        foreach (var item in oneMachine.Plan(spec, null)) oneMachine.Execute(item, TextWriter.Null);
        oneMachine.Render(spec, null);

        string fanOut = Path.Combine(project.Path, "fan-out");
        var gather = Workspace.Open(project.Path, results: Path.Combine(fanOut, "results"), store: Path.Combine(fanOut, "store"), threads: 2);
        var missing = gather.Plan(spec, null).Where(p => p.Status != RunStatus.Cached).ToList();
        Assert.Equal(5, missing.Count);
        for (int job = 0; job < 2; job++)
        {
            var worker = Workspace.Open(project.Path, store: Path.Combine(fanOut, $"job-{job}"), threads: 2);
            foreach (var item in missing.Where((_, i) => i % 2 == job)) Assert.True(worker.Execute(item, TextWriter.Null));
        }
        foreach (var job in new[] { "job-0", "job-1" })
            foreach (var entry in new RunStore(Path.Combine(fanOut, job)).Entries())
                Assert.True(gather.Store.Import(entry));

        var merged = Workspace.Open(project.Path, results: Path.Combine(fanOut, "results"), store: Path.Combine(fanOut, "store"), threads: 2);
        Assert.All(merged.Plan(spec, null), p => Assert.Equal(RunStatus.Cached, p.Status));
        merged.Render(spec, null);

        // The SVG is left out: Skia numbers its clip paths with a per-process counter, so two renders in one
        // test process differ in those ids alone.
        foreach (var file in new[] { "tables/figure3.md", "figures/figure3.png" })
            Assert.True(File.ReadAllBytes(Path.Combine(single, "results", file)).SequenceEqual(File.ReadAllBytes(Path.Combine(fanOut, "results", file))), file);
    }

    [Fact]
    public void ImportRefusesAnEntryWhoseFileNoLongerMatchesItsManifest()
    {
        using var project = new TestProject();
        var worker = Workspace.Open(project.Path, store: Path.Combine(project.Path, "job"), threads: 2);
        var item = worker.Plan(worker.Catalog.Artifact("Figure3"), null)[0];
        worker.Execute(item, TextWriter.Null);
        var entry = worker.Store.Find(item.Key.Value)!;
        File.AppendAllText(entry.PathOf("metrics.csv"), "999,1,1,1,1,1,1,1\n");

        var target = new RunStore(Path.Combine(project.Path, "gathered"));
        var error = Assert.Throws<InvalidDataException>(() => target.Import(entry));
        Assert.Contains("metrics.csv does not match its SHA-256", error.Message);
        Assert.False(target.Contains(item.Key.Value));
    }
}
