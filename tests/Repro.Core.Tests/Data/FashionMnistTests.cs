using System.IO.Compression;
using Repro.Core.Data;

namespace Repro.Core.Tests.Data;

public class FashionMnistTests
{
    [Fact]
    public void ReadsTheTestSplit()
    {
        var images = FashionMnist.Read(TestData.Directory, DataSplit.Test);

        Assert.Equal(TestData.FashionTestCount, images.Count);
        Assert.Equal((1, 28, 28), (images.Channels, images.Height, images.Width));
        Assert.Equal(TestData.FashionTestCount * 784, images.Pixels.Length);
        Assert.Equal(Enumerable.Range(0, TestData.FashionTestCount).Select(TestData.Label), images.Labels);
        var expected = TestData.FashionMnistContent()["t10k-images-idx3-ubyte"][16..];
        Assert.Equal(expected, images.Pixels);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, -28)]
    [InlineData(0, -5)]
    public void RejectsAHeaderWithANonPositiveDimension(int dimension, int value)
    {
        using var folder = CopyOfTestSplit();
        var images = folder.Combine(FashionMnist.FolderName, "t10k-images-idx3-ubyte.gz");
        var raw = Decompress(images);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(raw.AsSpan(4 + 4 * dimension), value);
        File.WriteAllBytes(images, TestData.Gzip(raw));

        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Read(folder.Path, DataSplit.Test));

        AssertOneLineNaming(error, images);
        Assert.Contains($"dimension {dimension} as {value}", error.Message);
    }

    [Fact]
    public void RejectsTrainingAndTestImagesOfDifferentShapes()
    {
        using var folder = new TemporaryFolder();
        var fashion = Directory.CreateDirectory(folder.Combine(FashionMnist.FolderName)).FullName;
        foreach (var (name, content) in TestData.FashionMnistContent(train: 30, test: 20))
            File.WriteAllBytes(Path.Combine(fashion, name), content);
        // 20 test images of 14x14 bytes where the training images are 28x28.
        File.WriteAllBytes(Path.Combine(fashion, "t10k-images-idx3-ubyte"), TestData.Idx([20, 14, 14], new byte[20 * 14 * 14]));

        var error = Assert.Throws<DataFormatException>(() => DatasetCatalog.ReadBoth("fashion-mnist", folder.Path));

        AssertOneLineNaming(error, fashion);
        Assert.Contains("1x28x28", error.Message);
        Assert.Contains("1x14x14", error.Message);
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
        File.WriteAllBytes(rawPath, raw[..(raw.Length / 2)]);

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
        using var folder = new TemporaryFolder();

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

    private static TemporaryFolder CopyOfTestSplit()
    {
        var folder = new TemporaryFolder();
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
