using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;

namespace Repro.Core.Tests.Training;

/// <summary>Small standardised subsets shared by the training tests, read from disk once.</summary>
internal static class Subsets
{
    private static readonly Lazy<ImageSet> FashionTrain = new(() => FashionMnist.Read(TestData.Directory, DataSplit.Train));
    private static readonly Lazy<ImageSet> FashionTest = new(() => FashionMnist.Read(TestData.Directory, DataSplit.Test));
    private static readonly Lazy<ImageSet> CifarTest = new(() => Cifar10.Read(TestData.Directory, DataSplit.Test));

    public static TrainingData Fashion(int train, int test = 100, Standardisation standardisation = Standardisation.PerFeature)
    {
        var (trainTensors, testTensors) = ImageTensors.Standardise(
            ImageSubset.First(FashionTrain.Value, train), ImageSubset.First(FashionTest.Value, test), standardisation);
        return new TrainingData(trainTensors, testTensors);
    }

    /// <summary>CIFAR-10 test images standing in for training ones: the tests need shapes and determinism, not accuracy.</summary>
    public static TrainingData Cifar(int train)
    {
        var (trainTensors, testTensors) = ImageTensors.Standardise(
            ImageSubset.First(CifarTest.Value, train), ImageSubset.First(CifarTest.Value, 20), Standardisation.PerChannel);
        return new TrainingData(trainTensors, testTensors);
    }

    public static TrainingSpec MlpSpec(OptimizerSpec optimizer, int steps, int trainSize, LossKind loss = LossKind.MeanSquaredError, int depth = 3, int width = 32) =>
        new(DatasetCatalog.FashionMnistName, trainSize, 100, new ModelSpec(Architecture.Mlp, depth, width), loss, optimizer, steps, Seed: 0);
}
