using Repro.Core.Data;

namespace Repro.Core.Tests.Data;

public class Cifar10Tests
{
    [Fact]
    public void ReadsTheBinaryTestBatch()
    {
        var images = Cifar10.Read(TestData.Directory, DataSplit.Test);

        Assert.Equal(TestData.CifarCount, images.Count);
        Assert.Equal((3, 32, 32), (images.Channels, images.Height, images.Width));
        Assert.Equal(Enumerable.Range(0, TestData.CifarCount).Select(TestData.Label), images.Labels);
        var batch = TestData.CifarBatch(TestData.CifarCount, seed: 4);
        Assert.Equal(batch[1..3073], images.Pixels[..3072]);
    }

    [Fact]
    public void RejectsATruncatedBatchNamingIt()
    {
        using var folder = new TemporaryFolder();
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
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.Combine(Cifar10.FolderName));
        var batch = folder.Combine(Cifar10.FolderName, "test_batch.bin");
        File.WriteAllBytes(batch, Enumerable.Repeat((byte)200, 3073).ToArray());

        var error = Assert.Throws<DataFormatException>(() => Cifar10.Read(folder.Path, DataSplit.Test));

        FashionMnistTests.AssertOneLineNaming(error, batch);
    }
}
