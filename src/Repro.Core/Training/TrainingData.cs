using Repro.Core.Data;

namespace Repro.Core.Training;

/// <summary>The standardised training and test subsets a spec names, and the validation split it holds out of the training subset.</summary>
public sealed record TrainingData(LabeledTensors Train, LabeledTensors Test) : IDisposable
{
    /// <summary>The last ValidationSize images of the training subset, standardised with the statistics of the rest; null when none are held out.</summary>
    public LabeledTensors? Validation { get; init; }

    public static TrainingData Load(TrainingSpec spec, string dataDirectory)
    {
        var (trainImages, testImages) = DatasetCatalog.ReadBoth(spec.Dataset, dataDirectory);
        var train = spec.ClassBalanced
            ? ImageSubset.ClassBalanced(trainImages, spec.TrainSize, spec.Seed)
            : ImageSubset.First(trainImages, spec.TrainSize);
        var test = ImageSubset.First(testImages, spec.TestSize);
        if (spec.ValidationSize <= 0)
        {
            var (trainTensors, testTensors) = ImageTensors.Standardise(train, test, spec.Standardisation);
            return new TrainingData(trainTensors, testTensors);
        }
        if (spec.ValidationSize >= train.Count)
            throw new ArgumentException($"validation size {spec.ValidationSize} leaves nothing of the {train.Count} training images to train on");
        int kept = train.Count - spec.ValidationSize;
        var fitted = train.Select([.. Enumerable.Range(0, kept)]);
        var heldOut = train.Select([.. Enumerable.Range(kept, spec.ValidationSize)]);
        var (fittedTensors, validationTensors) = ImageTensors.Standardise(fitted, heldOut, spec.Standardisation);
        var (again, heldOutTest) = ImageTensors.Standardise(fitted, test, spec.Standardisation);
        again.Dispose();
        return new TrainingData(fittedTensors, heldOutTest) { Validation = validationTensors };
    }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
        Validation?.Dispose();
    }
}
