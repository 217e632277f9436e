using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

public sealed class RunStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "repro-store-" + Guid.NewGuid().ToString("N"));
    private static readonly RunKey Key = new("0123456789abcdef01234567", new Dictionary<string, string> { ["config.lr"] = "0.1" });

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void PublishedEntryHoldsTheFilesAndAManifestWithTheirHashes()
    {
        var store = new RunStore(_root);
        var entry = store.Publish(Key, "Figure3/g/0", "lr=0.1", dir => File.WriteAllText(Path.Combine(dir, "metrics.csv"), "step\n0\n"));
        Assert.True(store.Contains(Key.Value));
        Assert.Equal("step\n0\n", File.ReadAllText(entry.PathOf("metrics.csv")));
        Assert.Equal("Figure3/g/0", entry.Manifest.Identity);
        Assert.Equal(64, entry.Manifest.Files["metrics.csv"].Length);
        Assert.Equal("0.1", store.Find(Key.Value)!.Manifest.Inputs["config.lr"]);
    }

    [Fact]
    public void RunInterruptedBeforePublishLeavesNoEntryAndNoStagingFolder()
    {
        var store = new RunStore(_root);
        Assert.Throws<InvalidOperationException>(() => store.Publish(Key, "Figure3/g/0", "lr=0.1", dir =>
        {
            File.WriteAllText(Path.Combine(dir, "metrics.csv"), "step\n0\n");
            throw new InvalidOperationException("killed mid-run");
        }));
        Assert.False(store.Contains(Key.Value));
        Assert.Empty(store.Entries());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, ".staging")));
    }

    [Fact]
    public void FolderWithoutManifestIsNotAnEntry()
    {
        // What a crash between writing results and writing the manifest would leave, had it been in place.
        Directory.CreateDirectory(Path.Combine(_root, Key.Value));
        File.WriteAllText(Path.Combine(_root, Key.Value, "metrics.csv"), "step\n");
        var store = new RunStore(_root);
        Assert.False(store.Contains(Key.Value));
        Assert.Null(store.Find(Key.Value));
        Assert.Empty(store.Entries());
    }

    [Fact]
    public void PublishingAKeyThatAnotherProcessPublishedKeepsTheFirstEntry()
    {
        var store = new RunStore(_root);
        store.Publish(Key, "Figure3/g/0", "lr=0.1", dir => File.WriteAllText(Path.Combine(dir, "metrics.csv"), "first"));
        var second = store.Publish(Key, "Figure3/g/0", "lr=0.1", dir => File.WriteAllText(Path.Combine(dir, "metrics.csv"), "second"));
        Assert.Equal("first", File.ReadAllText(second.PathOf("metrics.csv")));
    }
}
