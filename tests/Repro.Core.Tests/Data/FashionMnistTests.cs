using System.IO.Compression;
using Repro.Core.Data;

namespace Repro.Core.Tests.Data;

public class FashionMnistTests
{
    [Fact]
    public void ReadsTheOfficialTestSplit()
    {
        var images = FashionMnist.Read(TestData.Directory, DataSplit.Test);

        Assert.Equal(10_000, images.Count);
        Assert.Equal((1, 28, 28), (images.Channels, images.Height, images.Width));
        Assert.Equal(10_000 * 784, images.Pixels.Length);
        Assert.Equal(9, images.Labels[0]); // the first test image is an ankle boot
        Assert.All(Enumerable.Range(0, 10), label => Assert.Equal(1000, images.Labels.Count(l => l == label)));
    }

    [Fact]
    public void RejectsATruncatedGzipFileNamingIt()
    {
        using var folder = CopyOfTestSplit();
        var images = folder.Combine(FashionMnist.FolderName, "t10k-images-idx3-ubyte.gz");
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Read(folder.Path, DataSplit.Test));

        AssertOneLineNaming(error, images);
    }

    [Fact]
    public void RejectsARawFileShorterThanItsHeaderPromises()
    {
        using var folder = CopyOfTestSplit();
        var labels = folder.Combine(FashionMnist.FolderName, "t10k-labels-idx1-ubyte.gz");
        var raw = Decompress(labels);
        File.Delete(labels);
        var rawPath = labels[..^3];
        File.WriteAllBytes(rawPath, raw[..5000]);

        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Read(folder.Path, DataSplit.Test));

        AssertOneLineNaming(error, rawPath);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void RejectsAWrongMagicNumber()
    {
        using var folder = CopyOfTestSplit();
        var images = folder.Combine(FashionMnist.FolderName, "t10k-images-idx3-ubyte.gz");
        var raw = Decompress(images);
        raw[3] = 0x01; // an IDX label file's magic
        File.Delete(images);
        File.WriteAllBytes(images[..^3], raw);

        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Read(folder.Path, DataSplit.Test));

        AssertOneLineNaming(error, images[..^3]);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void AMissingFileSaysWhereToGetIt()
    {
        using var folder = new TemporaryDirectory();

        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Read(folder.Path, DataSplit.Train));

        Assert.Contains("not found", error.Message);
        Assert.Contains("fashion-mnist", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    internal static void AssertOneLineNaming(DataFormatException error, string path)
    {
        Assert.StartsWith(path, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static TemporaryDirectory CopyOfTestSplit()
    {
        var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.Combine(FashionMnist.FolderName));
        foreach (var name in new[] { "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
            File.Copy(Path.Combine(TestData.Directory, FashionMnist.FolderName, name), folder.Combine(FashionMnist.FolderName, name));
        return folder;
    }

    private static byte[] Decompress(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
