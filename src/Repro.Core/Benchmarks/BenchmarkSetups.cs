using Repro.Core.Data;
using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;

namespace Repro.Core.Benchmarks;

/// <summary>The paper's setups the benchmarks time: one place, so that `repro bench train` and `repro bench curvature` time the same runs.</summary>
public static class BenchmarkSetups
{
    /// <summary>The 3×32 ReLU MLP on 1,000 Fashion-MNIST images, MSE, full-batch GD at η = 0.2.</summary>
    public static TrainingSpec Mlp { get; } = new(DatasetCatalog.FashionMnistName, 1000, 200, new ModelSpec(Architecture.Mlp, 3, 32),
        LossKind.MeanSquaredError, new OptimizerSpec(OptimizerKind.Gd, 0.2), 0, 0);

    /// <summary>A VGG- or ResNet-style net of base width 8 on <paramref name="images"/> CIFAR-10 images, cross-entropy, full-batch GD at η = 0.05.</summary>
    public static TrainingSpec Cnn(Architecture architecture, int images) =>
        new(DatasetCatalog.Cifar10Name, images, 100, new ModelSpec(architecture, Width: 8), LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Gd, 0.05), 0, 0);

    /// <summary>A spec that only times: it never stops early on accuracy and never evaluates.</summary>
    public static TrainingSpec Timed(TrainingSpec spec) => spec with { StopAtTrainAccuracy = 2, EvaluateEvery = int.MaxValue };
}
