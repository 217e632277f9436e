using Repro.Core.Data;
using TorchSharp;

namespace Repro.Core.Tests.Data;

public class ImageTensorsTests
{
    private static readonly ImageSet Images = FashionMnist.Read(TestData.Directory, DataSplit.Train);

    [Fact]
    public void FirstKeepsFileOrder()
    {
        var subset = ImageSubset.First(Images, 5);

        Assert.Equal(Images.Labels[..5], subset.Labels);
        Assert.Equal(Images.Pixels[..(5 * 784)], subset.Pixels);
    }

    [Fact]
    public void ClassBalancedTakesEqualCountsAndDependsOnTheSeed()
    {
        var a = ImageSubset.ClassBalanced(Images, 105, seed: 1);
        var b = ImageSubset.ClassBalanced(Images, 105, seed: 1);
        var c = ImageSubset.ClassBalanced(Images, 105, seed: 2);

        Assert.All(Enumerable.Range(0, 10), label => Assert.Equal(label < 5 ? 11 : 10, a.Labels.Count(l => l == label)));
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.NotEqual(a.Pixels, c.Pixels);
    }

    [Fact]
    public void PerFeatureStandardisationCentresEveryPixelOnTheTrainingSubset()
    {
        var (train, test) = ImageTensors.Standardise(ImageSubset.First(Images, 500), ImageSubset.First(Images, 50), Standardisation.PerFeature);
        using (train)
        using (test)
        {
            Assert.Equal(new long[] { 500, 1, 28, 28 }, train.Inputs.shape);
            Assert.True(train.Inputs.mean([0]).abs().max().item<float>() < 1e-4);
            var deviation = train.Inputs.std([0], unbiased: false);
            Assert.True(((deviation - 1).abs() < 1e-3).logical_or(deviation == 0).all().item<bool>());
            Assert.Equal(new long[] { 50, 10 }, test.OneHot.shape);
            Assert.True(test.Labels.equal(test.OneHot.argmax(1)).all().item<bool>());
        }
    }

    [Fact]
    public void PerChannelStandardisationGivesEachChannelMeanZeroAndUnitDeviation()
    {
        var cifar = ImageSubset.First(Cifar10.Read(TestData.Directory, DataSplit.Test), 200);
        var (train, test) = ImageTensors.Standardise(cifar, cifar, Standardisation.PerChannel);
        using (train)
        using (test)
        {
            var mean = train.Inputs.mean([0, 2, 3]);
            var deviation = train.Inputs.std([0, 2, 3], unbiased: false);
            Assert.True(mean.abs().max().item<float>() < 1e-4);
            Assert.True((deviation - 1).abs().max().item<float>() < 1e-4);
        }
    }
}
