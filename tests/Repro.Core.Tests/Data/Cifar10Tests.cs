using Repro.Core.Data;

namespace Repro.Core.Tests.Data;

public class Cifar10Tests
{
    [Fact]
    public void ReadsTheBinaryTestBatch()
    {
        var images = Cifar10.Read(TestData.Directory, DataSplit.Test);

        Assert.Equal(10_000, images.Count);
        Assert.Equal((3, 32, 32), (images.Channels, images.Height, images.Width));
        Assert.All(Enumerable.Range(0, 10), label => Assert.Equal(1000, images.Labels.Count(l => l == label)));
    }

    [Fact]
    public void RejectsATruncatedBatchNamingIt()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.Combine(Cifar10.FolderName));
        var batch = folder.Combine(Cifar10.FolderName, "test_batch.bin");
        using (var source = File.OpenRead(Path.Combine(TestData.Directory, Cifar10.FolderName, "test_batch.bin")))
        {
            var head = new byte[3073 * 2 + 100];
            source.ReadExactly(head);
            File.WriteAllBytes(batch, head);
        }

        var error = Assert.Throws<DataFormatException>(() => Cifar10.Read(folder.Path, DataSplit.Test));

        FashionMnistTests.AssertOneLineNaming(error, batch);
    }

    [Fact]
    public void RejectsAFileThatIsNotABatch()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.Combine(Cifar10.FolderName));
        var batch = folder.Combine(Cifar10.FolderName, "test_batch.bin");
        File.WriteAllBytes(batch, Enumerable.Repeat((byte)200, 3073).ToArray());

        var error = Assert.Throws<DataFormatException>(() => Cifar10.Read(folder.Path, DataSplit.Test));

        FashionMnistTests.AssertOneLineNaming(error, batch);
    }
}
