using Repro.Core.Curvature;
using Repro.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

/// <summary>hessian_mode: eval takes batch norm's running statistics, train the chunk's own batch statistics.</summary>
public class HessianModeTests
{
    private static (nn.Module<Tensor, Tensor> Model, TorchSharp.Modules.BatchNorm1d Norm) BatchNormNet()
    {
        var norm = nn.BatchNorm1d(5);
        var model = GlobalGenerator.Seeded(21, () => nn.Sequential(nn.Linear(3, 5), norm, nn.Tanh(), nn.Linear(5, 2)));
        model.to(float64);
        // Running statistics far from the batch's, as after training on other data: the two modes must then disagree.
        using (no_grad())
        {
            norm.running_mean!.fill_(0.7);
            norm.running_var!.fill_(3.0);
        }
        return (model, norm);
    }

    private static List<(Tensor, Tensor)> Data()
    {
        var generator = new Generator(22);
        return [(randn(16, 3, float64, generator: generator), randn(16, 2, float64, generator: generator))];
    }

    private static Tensor MeanSquaredError(Tensor output, Tensor targets) => nn.functional.mse_loss(output, targets);

    [Fact]
    public void EvalAndTrainModesGiveDifferentSharpnessOnABatchNormNet()
    {
        var (model, _) = BatchNormNet();
        var data = Data();
        var eval = new HessianVectorProduct(model, MeanSquaredError, data, HessianMode.Eval);
        var train = new HessianVectorProduct(model, MeanSquaredError, data, HessianMode.Train);

        using var evalTop = Lanczos.Largest(eval, eval.Dimension, 1, new LanczosOptions(Tolerance: 1e-10));
        using var trainTop = Lanczos.Largest(train, train.Dimension, 1, new LanczosOptions(Tolerance: 1e-10));

        Assert.True(Math.Abs(evalTop.Values[0] - trainTop.Values[0]) > 1e-2 * evalTop.Values[0],
                    $"eval λ₁ {evalTop.Values[0]}, train λ₁ {trainTop.Values[0]}");
    }

    [Fact]
    public void TrainModeProductIsACentralDifferenceOfTrainModeGradientsAndLeavesTheRunningStatistics()
    {
        var (model, norm) = BatchNormNet();
        var train = new HessianVectorProduct(model, MeanSquaredError, Data(), HessianMode.Train);
        var eval = new HessianVectorProduct(model, MeanSquaredError, Data(), HessianMode.Eval);
        var theta = ParameterVector.Flatten(model);
        var v = randn(train.Dimension, float64, generator: new Generator(23));
        var runningMean = norm.running_mean!.clone();
        var runningVar = norm.running_var!.clone();
        model.eval();
        const double h = 1e-5;

        ParameterVector.Assign(model, theta + h * v);
        var plus = train.Gradient();
        ParameterVector.Assign(model, theta - h * v);
        var minus = train.Gradient();
        ParameterVector.Assign(model, theta);
        var difference = (plus - minus) / (2 * h);
        var product = train.Apply(v);
        Tensor sessionProduct;
        using (var session = train.OpenSession())
            sessionProduct = session.Apply(v);

        var error = (product - difference).norm().ToDouble() / product.norm().ToDouble();
        Assert.True(error < 1e-7, $"relative error {error}");
        Assert.True((sessionProduct - product).abs().max().ToDouble() < 1e-12);
        var evalError = (eval.Apply(v) - difference).norm().ToDouble() / product.norm().ToDouble();
        Assert.True(evalError > 1e-2, $"the eval-mode product must differ from train mode's, relative difference {evalError}");
        Assert.True((norm.running_mean! - runningMean).abs().max().ToDouble() == 0, "running mean must not move");
        Assert.True((norm.running_var! - runningVar).abs().max().ToDouble() == 0, "running variance must not move");
        Assert.False(model.training);
    }
}
