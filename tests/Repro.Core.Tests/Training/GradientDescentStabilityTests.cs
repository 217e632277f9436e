using Repro.Core.Optimizers;
using Repro.Core.Training;
using TorchSharp;

namespace Repro.Core.Tests.Training;

/// <summary>
/// A linear model under MSE has a quadratic loss whose Hessian is the second-moment matrix of [x, 1] (once per
/// output), so its sharpness λ is known exactly and GD is stable exactly when η &lt; 2/λ.
/// </summary>
public class GradientDescentStabilityTests
{
    private const int Examples = 200;

    private static double Sharpness(TrainingData data)
    {
        using var scope = torch.NewDisposeScope();
        var x = data.Train.Inputs.reshape(Examples, -1).to_type(torch.ScalarType.Float64);
        var augmented = torch.cat([x, torch.ones(Examples, 1, torch.ScalarType.Float64)], 1);
        var secondMoment = augmented.t().matmul(augmented) / Examples;
        return torch.linalg.eigvalsh(secondMoment).max().item<double>();
    }

    [Fact]
    public void ConvergesBelowTwoOverLambda()
    {
        using var data = Subsets.Fashion(Examples);
        var lambda = Sharpness(data);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Gd, 1.9 / lambda), steps: 300, Examples, depth: 0) with { StopAtTrainAccuracy = 2 };
        using var trainer = new Trainer(spec, data);

        var result = trainer.Run();

        Assert.Equal(StopReason.StepBudget, result.Reason);
        Assert.Null(result.DivergedAtStep);
        var losses = result.Rows.Select(r => r.TrainLoss).ToList();
        Assert.All(losses.Zip(losses.Skip(1)), pair => Assert.True(pair.Second <= pair.First * (1 + 1e-5), $"{pair.Second} > {pair.First}"));
        Assert.True(losses[^1] < 0.5 * losses[0]);
    }

    [Fact]
    public void DivergenceAboveTwoOverLambdaIsRecordedNotThrown()
    {
        using var data = Subsets.Fashion(Examples);
        var lambda = Sharpness(data);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Gd, 2.2 / lambda), steps: 2000, Examples, depth: 0)
            with
        { DivergenceBound = 1e4 };
        using var trainer = new Trainer(spec, data);

        var result = trainer.Run();

        Assert.Equal(StopReason.Diverged, result.Reason);
        Assert.NotNull(result.DivergedAtStep);
        Assert.True(result.DivergedAtStep < 2000);
        Assert.Equal(result.DivergedAtStep, result.Rows[^1].Step);
        Assert.True(result.Rows[^1].TrainLoss > 1e4 || !double.IsFinite(result.Rows[^1].TrainLoss));
    }
}
