using Repro.Core.Curvature;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using TorchSharp;

namespace Repro.Core.Tests.Training;

/// <summary>Training N steps straight equals training k, stopping, and resuming from the checkpoint to N, bit for bit.</summary>
public class ResumeTests
{
    [Fact]
    public void FullBatchGradientDescentMlp()
    {
        using var data = Subsets.Fashion(200);
        AssertResumeIsExact(Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Gd, 0.2), steps: 12, 200) with { CheckpointEvery = 3 }, data, stopAt: 6);
    }

    [Fact]
    public void CurvatureWarmStartsAreCheckpointed()
    {
        using var data = Subsets.Fashion(200);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Gd, 0.2), steps: 12, 200) with { CheckpointEvery = 6, CurvatureEvery = 4 };
        AssertResumeIsExact(spec, data, stopAt: 6);
    }

    [Fact]
    public void MinibatchSgdWithMomentumAcrossAnEpochBoundary()
    {
        using var data = Subsets.Fashion(100);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Sgd, 0.05, BatchSize: 30).With(OptimizerCatalog.Momentum, 0.9), steps: 14, 100)
            with
        { CheckpointEvery = 7, MetricsEvery = 1 };
        AssertResumeIsExact(spec, data, stopAt: 7);
    }

    [Fact]
    public void ClippedAdaWithWarmup()
    {
        using var data = Subsets.Fashion(100);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.ClippedAda, 1e-3, BatchSize: 50, WarmupSteps: 2).With(OptimizerCatalog.ClipBound, 0.1), steps: 10, 100)
            with
        { CheckpointEvery = 5 };
        AssertResumeIsExact(spec, data, stopAt: 5);
    }

    [Fact]
    public void BatchNormVggNetKeepsItsRunningStatistics()
    {
        using var data = Subsets.Cifar(32);
        var spec = new TrainingSpec("cifar10", 32, 20, new ModelSpec(Architecture.Vgg, Width: 8), Losses.LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Gd, 0.05, WarmupSteps: 2), Steps: 6, Seed: 1)
        { CheckpointEvery = 3, EvaluateEvery = 3 };
        AssertResumeIsExact(spec, data, stopAt: 3);
    }

    [Fact]
    public void BatchNormVggNetWithTrainModeCurvatureKeepsItsRunningStatisticsAndWarmStarts()
    {
        using var data = Subsets.Cifar(32);
        var spec = new TrainingSpec("cifar10", 32, 20, new ModelSpec(Architecture.Vgg, Width: 8), Losses.LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Gd, 0.05), Steps: 6, Seed: 1)
        { CheckpointEvery = 3, CurvatureEvery = 2, HessianMode = HessianMode.Train };
        AssertResumeIsExact(spec, data, stopAt: 3);
    }

    private static void AssertResumeIsExact(TrainingSpec spec, TrainingData data, int stopAt)
    {
        using var straightFolder = new TemporaryFolder();
        using var resumedFolder = new TemporaryFolder();
        using var straight = new Trainer(spec, data, checkpointDirectory: straightFolder.Path);
        var straightRows = straight.Run().Rows;

        using (var interrupted = new Trainer(spec with { Steps = stopAt }, data, checkpointDirectory: resumedFolder.Path))
            interrupted.Run();
        using var resumed = new Trainer(spec, data, checkpointDirectory: resumedFolder.Path);
        var resumedRows = resumed.Run().Rows;

        Assert.Equal(stopAt, resumed.ResumedFromStep);
        Assert.Equal(straightRows.Where(r => r.Step >= stopAt), resumedRows);
        Assert.True(ParameterVector.Flatten(straight.Model).equal(ParameterVector.Flatten(resumed.Model)).all().item<bool>());
        foreach (var ((name, a), (_, b)) in straight.Model.state_dict().Zip(resumed.Model.state_dict()))
            Assert.True(a.equal(b).all().item<bool>(), name);
        Assert.True(File.Exists(Checkpoint.PathFor(straightFolder.Path, spec.Steps)));
    }
}
