using System.IO.Compression;
using Repro.Pipeline.Datasets;
using Repro.Pipeline.Planning;

namespace Repro.Pipeline.Tests.Datasets;

/// <summary>A run's key depends on the decompressed content of exactly the files it reads, and on nothing else in the folder.</summary>
public sealed class DataFingerprintTests : IDisposable
{
    private const string Mlp = """
        artifact: Figure1
        description: A small Fashion-MNIST artifact for tests.
        render: figure1
        runs:
          gd:
            base: {model: mlp, dataset: fashion-mnist, train_size: 100, test_size: 50, depth: 2, width: 8, loss: mse, optimizer: gd, steps: 5}
            sweep: {lr: [0.1, 0.2]}
        profiles:
          quick: {}
        """;

    private readonly TestProject project = new();
    private readonly List<TemporaryFolder> folders = [];

    public DataFingerprintTests() => project.WriteExperiment("figure1.yaml", Mlp);

    [Fact]
    public void TheSameContentReGzippedOrRawPlansToTheSameKeys()
    {
        var official = Keys(DataFolderWith(CompressionLevel.Optimal));

        Assert.Equal(official, Keys(DataFolderWith(CompressionLevel.NoCompression)));
        Assert.Equal(official, Keys(DataFolderWith(CompressionLevel.SmallestSize)));
        var raw = NewFolder();
        var fashion = Directory.CreateDirectory(Path.Combine(raw, "fashion-mnist")).FullName;
        foreach (var (name, content) in TestData.FashionMnistContent()) File.WriteAllBytes(Path.Combine(fashion, name), content);
        Assert.Equal(official, Keys(raw));
    }

    [Fact]
    public void AStrayFileInTheFolderChangesNoKeyButOneChangedByteChangesEvery()
    {
        var before = Keys(DataFolderWith(CompressionLevel.Optimal));

        // Fingerprints are remembered per folder within a process, so the stray files go into a fresh one.
        var folder = DataFolderWith(CompressionLevel.Optimal);
        File.WriteAllText(Path.Combine(folder, "fashion-mnist", "notes.txt"), "mine");
        File.WriteAllBytes(Path.Combine(folder, "fashion-mnist", "t10k-images-idx3-ubyte.gz.bak"), [1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(folder, "cifar-10-batches-bin"));
        Assert.Equal(before, Keys(folder));

        var changed = DataFolderWith(CompressionLevel.Optimal);
        var labels = Path.Combine(changed, "fashion-mnist", "t10k-labels-idx1-ubyte.gz");
        var content = TestData.FashionMnistContent()["t10k-labels-idx1-ubyte"];
        content[^1] = (byte)((content[^1] + 1) % 10);
        File.WriteAllBytes(labels, TestData.Gzip(content));
        Assert.All(Keys(changed).Zip(before), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void WithoutDataTheRunPlansAsNeedingItAndDataFreeArtifactsPlanAsUsual()
    {
        var workspace = Workspace.Open(project.Path, store: project.StorePath, threads: 2, data: NewFolder());

        var plan = workspace.Plan(workspace.Catalog.Artifact("Figure1"), null);
        Assert.All(plan, item =>
        {
            Assert.Equal("fashion-mnist", item.NeedsData);
            Assert.Equal(["needs data: fashion-mnist"], item.Why);
        });
        var error = Assert.Throws<Core.Data.DataFormatException>(() => workspace.Execute(plan[0], TextWriter.Null));
        Assert.Contains("repro data fetch --dataset fashion-mnist", error.Message);
        Assert.All(workspace.Plan(workspace.Catalog.Artifact("Figure3"), null), item => Assert.Null(item.NeedsData));
    }

    [Fact]
    public void ContentHashesAreCachedBesideTheFileUntilItChanges()
    {
        var folder = DataFolderWith(CompressionLevel.Optimal);
        var labels = Path.Combine(folder, "fashion-mnist", "t10k-labels-idx1-ubyte.gz");
        string first = ContentHash.Of(labels);
        Assert.Equal(first, File.ReadAllText(labels + ContentHash.CacheSuffix).Split(' ')[0]);

        // A cache that lies is believed while size and time match (that is the point of it) ...
        var stamp = File.ReadAllText(labels + ContentHash.CacheSuffix).Split(' ', 2)[1];
        File.WriteAllText(labels + ContentHash.CacheSuffix, new string('0', 64) + " " + stamp);
        Assert.Equal(new string('0', 64), ContentHash.Of(labels));
        // ... and ignored once the file changes.
        File.WriteAllBytes(labels, TestData.Gzip(TestData.FashionMnistContent()["t10k-labels-idx1-ubyte"], CompressionLevel.NoCompression));
        Assert.Equal(first, ContentHash.Of(labels));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AReadOnlyFolderIsHashedWithoutWritingIntoIt()
    {
        var folder = DataFolderWith(CompressionLevel.Fastest);
        var fashion = Path.Combine(folder, "fashion-mnist");
        var writable = Keys(DataFolderWith(CompressionLevel.Optimal));
        File.SetUnixFileMode(fashion, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Assert.Equal(writable, Keys(folder));
            Assert.Empty(Directory.GetFiles(fashion, "*" + ContentHash.CacheSuffix));
        }
        finally
        {
            File.SetUnixFileMode(fashion, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private List<string> Keys(string dataFolder)
    {
        var workspace = Workspace.Open(project.Path, store: project.StorePath, threads: 2, data: dataFolder);
        var plan = workspace.Plan(workspace.Catalog.Artifact("Figure1"), null);
        Assert.All(plan, item => Assert.Null(item.NeedsData));
        return plan.Select(p => p.Key.Value).ToList();
    }

    private string DataFolderWith(CompressionLevel level)
    {
        var folder = NewFolder();
        TestData.WriteFashionMnist(folder, level);
        return folder;
    }

    private string NewFolder()
    {
        var folder = new TemporaryFolder("repro-data-");
        folders.Add(folder);
        return folder.Path;
    }

    public void Dispose()
    {
        project.Dispose();
        foreach (var folder in folders) folder.Dispose();
    }
}

/// <summary>Entries made before the fingerprint changed meaning (store schema 1) read as stale, saying why.</summary>
public class StoreSchemaTests
{
    [Fact]
    public void AnEntryOfTheOldSchemaIsStaleWithTheReason()
    {
        using var project = new TestProject();
        var workspace = project.Open();
        var item = workspace.Plan(workspace.Catalog.Artifact("Figure3"), null)[0];
        var old = new SortedDictionary<string, string>(item.Key.Inputs.ToDictionary(), StringComparer.Ordinal) { ["store_schema"] = "1" };
        workspace.Store.Publish(new Repro.Pipeline.Store.RunKey(Repro.Pipeline.Store.RunKey.Hash(old), old), item.Identity,
                                folder => File.WriteAllText(Path.Combine(folder, "metrics.csv"), "step\n0\n"));

        var again = project.Open().Plan(workspace.Catalog.Artifact("Figure3"), null)[0];

        Assert.Equal(RunStatus.Stale, again.Status);
        Assert.Equal([$"store_schema 1 -> {Repro.Pipeline.Store.KeyEnvironment.StoreSchemaVersion}"], again.Why);
        Assert.Equal(2, Repro.Pipeline.Store.KeyEnvironment.StoreSchemaVersion);
    }
}
