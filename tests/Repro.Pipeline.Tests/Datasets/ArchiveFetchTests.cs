using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Repro.Core.Data;
using Repro.Pipeline.Datasets;

namespace Repro.Pipeline.Tests.Datasets;

/// <summary>CIFAR-10's path: one archive checked by size, SHA-256 and MD5, then only the expected batches unpacked.</summary>
public sealed class ArchiveFetchTests : IDisposable
{
    private const string ArchiveName = "cifar-10-binary.tar.gz";

    private readonly TemporaryFolder mirror = new("repro-mirror-");
    private readonly TemporaryFolder data = new("repro-fetch-");
    private readonly byte[] train = TestData.CifarBatch(30, seed: 5);
    private readonly byte[] test = TestData.CifarBatch(20, seed: 6);
    private readonly byte[] archive;

    public ArchiveFetchTests()
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            Add(tar, "cifar-10-batches-bin/data_batch_1.bin", train);
            Add(tar, "cifar-10-batches-bin/test_batch.bin", test);
            Add(tar, "../outside.bin", [1, 2, 3]);   // never extracted: only expected names are, by bare name
        }
        archive = bytes.ToArray();
        File.WriteAllBytes(mirror.Combine(ArchiveName), archive);
    }

    [Fact]
    public void AVerifiedArchiveIsUnpackedIntoPlaceAndDeleted()
    {
        var log = new StringWriter();

        Fetcher(log).Fetch(Dataset(Convert.ToHexStringLower(MD5.HashData(archive))));

        var folder = data.Combine(Cifar10.FolderName);
        Assert.Equal(train, File.ReadAllBytes(Path.Combine(folder, "data_batch_1.bin")));
        Assert.Equal(test, File.ReadAllBytes(Path.Combine(folder, "test_batch.bin")));
        Assert.Equal(30, Cifar10.Read(data.Path, DataSplit.Train).Count);
        Assert.Equal([Cifar10.FolderName], Entries());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(data.Path)!, "outside.bin")));
        Assert.Contains("verified, unpacked", log.ToString());
    }

    [Fact]
    public void AnArchiveWithTheWrongMd5IsRefusedAndNothingIsUnpacked()
    {
        var error = Assert.Throws<DataFetchException>(() => Fetcher(TextWriter.Null).Fetch(Dataset(new string('0', 32))));

        Assert.Contains("expected MD5 00000000000000000000000000000000, got ", error.Message);
        Assert.Empty(Entries());
    }

    /// <summary>What the fetch left in the data folder besides its lock file (which stays, like the store's).</summary>
    private IEnumerable<string?> Entries() =>
        Directory.GetFileSystemEntries(data.Path).Select(Path.GetFileName).Where(name => name != DataFetcher.LockName);

    private OfficialDataset Dataset(string md5) => new("cifar-fixture", Cifar10.FolderName,
        [new(ArchiveName, Convert.ToHexStringLower(SHA256.HashData(archive)), md5, archive.Length)], OfficialBases: [],
        Archive: true, RecordSize: 3073, ExtractedFiles: ["data_batch_1.bin", "test_batch.bin"]);

    private DataFetcher Fetcher(TextWriter log) =>
        new(data.Path, [new Uri(mirror.Path).AbsoluteUri], new Downloader(new HttpClient(), TextWriter.Null, interactive: false), log);

    private static void Add(TarWriter tar, string name, byte[] content) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });

    public void Dispose()
    {
        mirror.Dispose();
        data.Dispose();
    }
}
