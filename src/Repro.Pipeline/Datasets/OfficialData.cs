using Repro.Core.Data;

namespace Repro.Pipeline.Datasets;

/// <summary>How a downloaded file is checked before it may take its final name.</summary>
/// <param name="Name">The official file name; a mirror serves it as <c>MIRROR/NAME</c>.</param>
/// <param name="ContentSha256">SHA-256 of the decompressed content for files stored as they come (gzip or raw alike); of the bytes for an archive.</param>
/// <param name="Md5">The published MD5 of the bytes, when the publisher gives one.</param>
/// <param name="Size">The exact size in bytes, when known.</param>
/// <param name="ContentSize">The size of the decompressed content, for files stored as they come.</param>
public sealed record OfficialFile(string Name, string ContentSha256, string? Md5 = null, long? Size = null, long? ContentSize = null)
{
    /// <summary>
    /// The most bytes a download of this file may bring before it is cut off: its exact size, else its content's size
    /// plus what gzip can add to incompressible data (5 bytes per 64 KiB block and a header; 1% and 64 KiB are ample),
    /// since a mirror may serve the content raw or re-compressed. Null when nothing is known (test fixtures).
    /// </summary>
    public long? MaxBytes => Size ?? (ContentSize is { } content ? content + content / 100 + 65_536 : null);
}

/// <summary>A data set as published: its files, where its publishers serve them, and how it lands in the data folder.</summary>
/// <param name="Archive">True when the one file is a .tar.gz unpacked into <see cref="Folder"/>; else the files are stored as they come.</param>
/// <param name="RecordSize">For an archive: the record length every extracted batch is a whole number of.</param>
public sealed record OfficialDataset(string Name, string Folder, IReadOnlyList<OfficialFile> Files, IReadOnlyList<string> OfficialBases,
                                     bool Archive = false, int RecordSize = 0, IReadOnlyList<string>? ExtractedFiles = null);

/// <summary>The checksum table and the official addresses. Changing a hash here is changing what "the data set" means.</summary>
public static class OfficialData
{
    /// <summary>
    /// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017). The hashes are SHA-256 of each file's *decompressed* IDX
    /// content, computed from Debian's dataset-fashion-mnist files (see docs/data.md);
    /// Debian re-compressed the official release, and its README documents that the decompressed content is the
    /// official release's, byte for byte. Hashing the decompressed content makes the official .gz files, Debian's
    /// and any mirror's re-compression verify alike. Sizes are of the decompressed content.
    /// </summary>
    public static readonly OfficialDataset FashionMnist = new(
        DatasetCatalog.FashionMnistName, Core.Data.FashionMnist.FolderName,
        [
            new("train-images-idx3-ubyte.gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", ContentSize: 47_040_016),
            new("train-labels-idx1-ubyte.gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", ContentSize: 60_008),
            new("t10k-images-idx3-ubyte.gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", ContentSize: 7_840_016),
            new("t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", ContentSize: 10_008),
        ],
        // The download links of https://github.com/zalandoresearch/fashion-mnist (README, "Get the Data"), then the repository itself.
        ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com", "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion"]);

    /// <summary>
    /// CIFAR-10 (Krizhevsky, 2009), binary version. The MD5 is the one its authors publish beside the link on
    /// https://www.cs.toronto.edu/~kriz/cifar.html; the authors publish no SHA-256, so the SHA-256 and size are those
    /// recorded for the same archive by JuliaML's MLDatasets.jl and GoMLX's downloader (both agree). The archive
    /// holds five training batches and a test batch of 10,000 records of 3,073 bytes each.
    /// </summary>
    public static readonly OfficialDataset Cifar10 = new(
        DatasetCatalog.Cifar10Name, Core.Data.Cifar10.FolderName,
        [new("cifar-10-binary.tar.gz", "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
             Md5: "c32a1d4ab5d03f1284b67883e8d87530", Size: 170_052_171)],
        ["https://www.cs.toronto.edu/~kriz"],
        Archive: true, RecordSize: 3073,
        ExtractedFiles: ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"]);

    public static IReadOnlyList<OfficialDataset> All { get; } = [FashionMnist, Cifar10];

    /// <summary>Debian's dataset-fashion-mnist installs the (re-compressed) official files here.</summary>
    public const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    public static OfficialDataset Find(string name) =>
        All.FirstOrDefault(d => d.Name == DatasetCatalog.Canonical(name))
        ?? throw new ArgumentException($"unknown dataset '{name}' (known: {string.Join(", ", All.Select(d => d.Name))})");
}
