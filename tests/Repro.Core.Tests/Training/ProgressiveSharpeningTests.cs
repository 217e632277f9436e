using Repro.Core.Optimizers;
using Repro.Core.Training;

namespace Repro.Core.Tests.Training;

/// <summary>Full-batch GD on the paper's MLP setup: λ₁ starts well below 2/η and rises to about 2/η.</summary>
public class ProgressiveSharpeningTests
{
    [Fact]
    public void SharpnessRisesTowardTwoOverTheLearningRate()
    {
        const double learningRate = 0.2;
        using var data = Subsets.Fashion(1000);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Gd, learningRate), steps: 250, 1000) with { CurvatureEvery = 125 };
        using var trainer = new Trainer(spec, data);

        var measured = trainer.Run().Rows.Where(r => r.Sharpness is not null).ToList();

        Assert.Equal([0L, 125, 250], measured.Select(r => r.Step));
        var sharpness = measured.Select(r => r.Sharpness!.Value).ToList();
        Assert.True(sharpness[0] < 0.5 * 2 / learningRate, $"λ₁(0) = {sharpness[0]}");
        Assert.True(sharpness[2] > 0.8 * 2 / learningRate, $"λ₁(250) = {sharpness[2]}");
        Assert.True(sharpness[2] > sharpness[0]);
        Assert.All(measured, r => Assert.True(r.LambdaMin <= r.Sharpness));
        Assert.Null(measured[0].RotationCosine);
        Assert.InRange(measured[1].RotationCosine!.Value, 0, 1);
    }
}
