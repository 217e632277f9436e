using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Optimizers;
using Repro.Core.Training;

namespace Repro.Core.Tests.Training;

/// <summary>validation_size: the last N images of the training subset are held out, never trained on, and scored.</summary>
public class ValidationSplitTests
{
    private static TrainingSpec Spec(int validation) =>
        Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Adam, 1e-3, BatchSize: 20), steps: 10, 100, LossKind.CrossEntropy)
        with
        { ValidationSize = validation, EvaluateEvery = 5, MetricsEvery = 5 };

    [Fact]
    public void TheLastImagesOfTheTrainingSubsetAreHeldOutAndTheRestTrained()
    {
        var raw = ImageSubset.First(FashionMnist.Read(TestData.Directory, DataSplit.Train), 100);
        using var data = TrainingData.Load(Spec(30), TestData.Directory);

        Assert.Equal(70, data.Train.Count);
        Assert.Equal(30, data.Validation!.Count);
        Assert.Equal(raw.Labels[..70].Select(l => (long)l), data.Train.Labels.data<long>().ToArray());
        Assert.Equal(raw.Labels[70..].Select(l => (long)l), data.Validation.Labels.data<long>().ToArray());
        // Standardised with the 70 training images' statistics only: their per-feature mean is 0, the held-out one's not.
        Assert.True(data.Train.Inputs.mean().abs().item<float>() < 1e-5);
        Assert.True(data.Validation.Inputs.mean().abs().item<float>() > 1e-4);
    }

    [Fact]
    public void TheTrainerRecordsValidationAccuracyBesideTestAccuracyOnlyWhenItHoldsImagesOut()
    {
        using var heldOut = TrainingData.Load(Spec(30), TestData.Directory);
        using var none = TrainingData.Load(Spec(0), TestData.Directory);
        using var withValidation = new Trainer(Spec(30), heldOut);
        using var without = new Trainer(Spec(0), none);

        var rows = withValidation.Run().Rows;
        var plain = without.Run().Rows;

        Assert.Null(none.Validation);
        Assert.Equal(rows.Where(r => r.TestAccuracy is not null).Select(r => r.Step), rows.Where(r => r.ValidationAccuracy is not null).Select(r => r.Step));
        Assert.All(rows.Where(r => r.ValidationAccuracy is not null), r => Assert.InRange(r.ValidationAccuracy!.Value, 0, 1));
        Assert.All(plain, r => Assert.Null(r.ValidationAccuracy));
    }
}
