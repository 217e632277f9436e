using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

public sealed class RunStoreTests : IDisposable
{
    private readonly TemporaryFolder folder = new("repro-store-");
    private static readonly Dictionary<string, string> Inputs = new() { ["config.lr"] = "0.1" };
    private static readonly RunKey Key = new(RunKey.Hash(Inputs), Inputs);
    private static readonly RunIdentity Run = new("Figure3", "g", "quick", "lr=0.1");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void PublishedEntryHoldsTheFilesAndAManifestWithTheirHashes()
    {
        var store = new RunStore(folder.Path);
        var entry = store.Publish(Key, Run, dir => File.WriteAllText(Path.Combine(dir, "metrics.csv"), "step\n0\n"));
        Assert.True(store.Contains(Key.Value));
        Assert.Equal("step\n0\n", File.ReadAllText(entry.PathOf("metrics.csv")));
        Assert.Equal("Figure3/g/quick/lr=0.1", entry.Manifest.Identity);
        Assert.Equal(Run, entry.Manifest.Run);
        Assert.Equal(64, entry.Manifest.Files["metrics.csv"].Length);
        Assert.Equal("0.1", store.Find(Key.Value)!.Manifest.Inputs["config.lr"]);
    }

    [Fact]
    public void RunInterruptedBeforePublishLeavesNoEntryButKeepsItsWorkForTheNextAttempt()
    {
        var store = new RunStore(folder.Path);
        Assert.Throws<InvalidOperationException>(() => store.Publish(Key, Run, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "checkpoint"), "step 500");
            throw new InvalidOperationException("killed mid-run");
        }));
        Assert.False(store.Contains(Key.Value));
        Assert.Empty(store.Entries());

        string? seen = null;
        store.Publish(Key, Run, dir =>
        {
            seen = File.ReadAllText(Path.Combine(dir, "checkpoint"));
            File.Delete(Path.Combine(dir, "checkpoint"));
            File.WriteAllText(Path.Combine(dir, "metrics.csv"), "step\n0\n");
        });
        Assert.Equal("step 500", seen);
        Assert.Equal(["metrics.csv"], store.Find(Key.Value)!.Manifest.Files.Keys);
        Assert.False(Directory.Exists(store.WorkFolder(Key.Value)));
    }

    [Fact]
    public void ManifestLeftByAnAttemptKilledBeforeItsRenameIsNotTrusted()
    {
        var store = new RunStore(folder.Path);
        Directory.CreateDirectory(store.WorkFolder(Key.Value));
        File.WriteAllText(Path.Combine(store.WorkFolder(Key.Value), RunFiles.Manifest), "{ half written");
        Assert.False(store.Contains(Key.Value));
        var entry = store.Publish(Key, Run, dir => File.WriteAllText(Path.Combine(dir, "metrics.csv"), "x"));
        Assert.Equal(["metrics.csv"], entry.Manifest.Files.Keys);
    }

    [Fact]
    public void FolderWithoutManifestIsNotAnEntry()
    {
        // What a crash between writing results and writing the manifest would leave, had it been in place.
        Directory.CreateDirectory(folder.Combine(Key.Value));
        File.WriteAllText(folder.Combine(Key.Value, "metrics.csv"), "step\n");
        var store = new RunStore(folder.Path);
        Assert.False(store.Contains(Key.Value));
        Assert.Null(store.Find(Key.Value));
        Assert.Empty(store.Entries());
    }

    [Fact]
    public void ImportingAKeyAlreadyPresentKeepsTheFirstEntry()
    {
        var first = new RunStore(folder.Path);
        first.Publish(Key, Run, dir => File.WriteAllText(Path.Combine(dir, "metrics.csv"), "first"));
        var other = new RunStore(folder.Combine("other"));
        var copy = other.Publish(Key, Run, dir => File.WriteAllText(Path.Combine(dir, "metrics.csv"), "second"));
        Assert.False(first.Import(copy));
        Assert.Equal("first", File.ReadAllText(first.Find(Key.Value)!.PathOf("metrics.csv")));
    }
}
