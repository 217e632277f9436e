using System.Security.Cryptography;
using Repro.Pipeline.Datasets;

namespace Repro.Pipeline.Tests.Chaos;

/// <summary>
/// A data file changed in place, keeping its size and modification time (bit rot, an edit that restored the time):
/// the <c>.content-sha256</c> cache beside it still matches by size and time, so only re-hashing finds it.
/// </summary>
public sealed class DataIntegrityChaosTests : IDisposable
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

    private readonly TemporaryFolder data = new("repro-chaos-data-");
    private readonly TestProject project = new("figure1.yaml", Mlp);

    [Fact]
    public void VerifyCatchesAOneByteChangeThatKeptSizeAndTimeAndTheCacheFollows()
    {
        var content = TestData.FashionMnistContent()["t10k-labels-idx1-ubyte"];
        var dataset = new OfficialDataset("fixture", "fixture", [new("t10k-labels-idx1-ubyte.gz", Convert.ToHexStringLower(SHA256.HashData(content)))], []);
        var path = Path.Combine(Directory.CreateDirectory(data.Combine("fixture")).FullName, "t10k-labels-idx1-ubyte");
        File.WriteAllBytes(path, content);
        Assert.False(DataCheck.Check(dataset, data.Path).Mismatch);
        Assert.True(File.Exists(path + ContentHash.CacheSuffix));

        FlipOneByteKeepingSizeAndTime(path);

        var check = DataCheck.Check(dataset, data.Path);
        Assert.True(check.Mismatch);
        Assert.Contains("content SHA-256", check.Summary);
        // The cache now holds the content's hash, so planning (which trusts it) sees the change too.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), ContentHash.Of(path));
    }

    [Fact]
    public void AFileChangedAfterPlanningNeverTrainsUnderTheCleanKey()
    {
        var fashion = Directory.CreateDirectory(data.Combine("fashion-mnist")).FullName;
        foreach (var (name, bytes) in TestData.FashionMnistContent()) File.WriteAllBytes(Path.Combine(fashion, name), bytes);
        var workspace = Workspace.Open(project.Path, store: project.StorePath, threads: 2, data: data.Path);
        var plan = workspace.Plan(workspace.Catalog.Artifact("Figure1"), null);

        FlipOneByteKeepingSizeAndTime(Path.Combine(fashion, "train-labels-idx1-ubyte"));

        var error = Assert.Throws<Repro.Core.Data.DataFormatException>(() => workspace.Execute(plan[0], TextWriter.Null));
        Assert.Contains("the content changed since its hashes were cached", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(workspace.Store.Entries());
        // Planned again, the keys follow the content.
        var replanned = Workspace.Open(project.Path, store: project.StorePath, threads: 2, data: data.Path);
        Assert.NotEqual(plan[0].Key.Value, replanned.Plan(replanned.Catalog.Artifact("Figure1"), null)[0].Key.Value);
    }

    /// <summary>Changes the last byte (a label: 0-9 stays a valid label) and puts the modification time back.</summary>
    internal static void FlipOneByteKeepingSizeAndTime(string path)
    {
        var time = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] = (byte)((bytes[^1] + 1) % 10);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, time);
    }

    public void Dispose()
    {
        data.Dispose();
        project.Dispose();
    }
}
