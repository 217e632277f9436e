using Repro.Core.Data;

namespace Repro.Core.Training;

/// <summary>The standardised training and test subsets a spec names.</summary>
public sealed record TrainingData(LabeledTensors Train, LabeledTensors Test) : IDisposable
{
    public static TrainingData Load(TrainingSpec spec, string dataDirectory)
    {
        var (trainImages, testImages) = DatasetCatalog.ReadBoth(spec.Dataset, dataDirectory);
        var train = spec.ClassBalanced
            ? ImageSubset.ClassBalanced(trainImages, spec.TrainSize, spec.Seed)
            : ImageSubset.First(trainImages, spec.TrainSize);
        var test = ImageSubset.First(testImages, spec.TestSize);
        var (trainTensors, testTensors) = ImageTensors.Standardise(train, test, spec.Standardisation);
        return new TrainingData(trainTensors, testTensors);
    }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
