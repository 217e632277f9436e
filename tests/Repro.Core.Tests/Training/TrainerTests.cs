using Repro.Core.Curvature;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using TorchSharp;

namespace Repro.Core.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void FullBatchGradientDescentOnFashionMnistLowersTheLoss()
    {
        using var data = Subsets.Fashion(1000);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Gd, 0.2), steps: 200, 1000) with { EvaluateEvery = 50 };
        using var trainer = new Trainer(spec, data);

        var result = trainer.Run();

        Assert.Equal(201, result.Rows.Count);
        Assert.Equal(Enumerable.Range(0, 201).Select(i => (long)i), result.Rows.Select(r => r.Step));
        Assert.True(result.Rows[^1].TrainLoss < 0.5 * result.Rows[0].TrainLoss);
        Assert.True(result.Rows[^1].TrainAccuracy > 0.8);
        var evaluated = result.Rows.Where(r => r.TestAccuracy is not null).Select(r => r.Step);
        Assert.Equal([0L, 50, 100, 150, 200], evaluated);
        Assert.Equal(0, result.Rows[0].ParamDistance);
        Assert.True(result.Rows[200].ParamDistance > result.Rows[100].ParamDistance);
    }

    [Fact]
    public void StopsWhenTrainAccuracyReachesTheTargetTwiceInARow()
    {
        using var data = Subsets.Fashion(20);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Gd, 0.1), steps: 5000, 20, LossKind.CrossEntropy);
        using var trainer = new Trainer(spec, data);

        var result = trainer.Run();

        Assert.Equal(StopReason.TrainAccuracyReached, result.Reason);
        Assert.True(result.FinalStep < 5000);
        Assert.All(result.Rows.TakeLast(2), row => Assert.True(row.TrainAccuracy >= 0.999));
        Assert.True(result.Rows[^3].TrainAccuracy < 0.999);
    }

    [Fact]
    public void MinibatchRunsRecordTheFullTrainingLossEveryMetricsStep()
    {
        using var data = Subsets.Fashion(100);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Sgd, 0.05, BatchSize: 10).With(OptimizerCatalog.Momentum, 0.9), steps: 30, 100) with { MetricsEvery = 10 };
        using var trainer = new Trainer(spec, data);

        var result = trainer.Run();

        Assert.Equal([0L, 10, 20, 30], result.Rows.Select(r => r.Step));
        Assert.True(result.Rows[^1].TrainLoss < result.Rows[0].TrainLoss);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRun()
    {
        using var data = Subsets.Fashion(100);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Adam, 1e-3, BatchSize: 25), steps: 12, 100) with { MetricsEvery = 4 };
        using var first = new Trainer(spec, data);
        using var second = new Trainer(spec, data);

        Assert.Equal(first.Run().Rows, second.Run().Rows);
        Assert.True(ParameterVector.Flatten(first.Model).equal(ParameterVector.Flatten(second.Model)).all().item<bool>());
    }

    [Fact]
    public void MeanSquaredErrorIsHalfTheSquaredNormAveragedOverExamples()
    {
        using var output = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var targets = torch.tensor(new float[] { 0, 2, 3, 0 }, [2, 2]);

        using var value = Loss.MeanSquaredError(output, targets);

        Assert.Equal(0.5 * (1 + 16) / 2, value.item<float>(), 6);
    }
}
