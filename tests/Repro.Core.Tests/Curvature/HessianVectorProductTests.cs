using Repro.Core.Curvature;
using Repro.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

public class HessianVectorProductTests
{
    private static nn.Module<Tensor, Tensor> TinyMlp(ScalarType dtype, long seed = 1)
    {
        var model = GlobalGenerator.Seeded(seed, () => nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)));
        model.to(dtype);
        return model;
    }

    private static Tensor MeanSquaredError(Tensor output, Tensor targets) => nn.functional.mse_loss(output, targets);

    private static (Tensor Inputs, Tensor Targets) Data(ScalarType dtype, int count = 10)
    {
        var generator = new Generator(5);
        return (randn(count, 3, dtype, generator: generator), randn(count, 2, dtype, generator: generator));
    }

    private static List<(Tensor, Tensor)> Chunks((Tensor Inputs, Tensor Targets) data, params int[] sizes)
    {
        var chunks = new List<(Tensor, Tensor)>();
        var offset = 0;
        foreach (var size in sizes)
        {
            chunks.Add((data.Inputs.narrow(0, offset, size), data.Targets.narrow(0, offset, size)));
            offset += size;
        }
        return chunks;
    }

    /// <summary>The Hessian built row by row: differentiate each gradient entry once more.</summary>
    private static Tensor ExplicitHessian(nn.Module<Tensor, Tensor> model, (Tensor Inputs, Tensor Targets) data)
    {
        var parameters = ParameterVector.Trainable(model).ToList();
        var loss = MeanSquaredError(model.call(data.Inputs), data.Targets);
        var gradient = ParameterVector.Flatten(autograd.grad([loss], parameters, create_graph: true, retain_graph: true));
        var rows = Enumerable.Range(0, (int)gradient.numel())
            .Select(i => ParameterVector.Flatten(autograd.grad([gradient[i]], parameters, retain_graph: true)))
            .ToList();
        return stack(rows);
    }

    [Fact]
    public void AgreesWithTheExplicitHessianOfATinyMlp()
    {
        var model = TinyMlp(float64);
        var data = Data(float64);
        var hvp = new HessianVectorProduct(model, MeanSquaredError, Chunks(data, 10));
        var hessian = ExplicitHessian(model, data);
        var v = randn(hvp.Dimension, float64, generator: new Generator(2));

        Assert.Equal(26, hvp.Dimension);
        Assert.True((hessian - hessian.T).abs().max().ToDouble() < 1e-12);
        var error = (hvp.Apply(v) - hessian.mv(v)).abs().max().ToDouble();
        Assert.True(error < 1e-12, $"max error {error}");
    }

    [Fact]
    public void AgreesWithACentralDifferenceOfGradients()
    {
        var model = TinyMlp(float64);
        var hvp = new HessianVectorProduct(model, MeanSquaredError, Chunks(Data(float64), 10));
        var theta = ParameterVector.Flatten(model);
        var v = randn(hvp.Dimension, float64, generator: new Generator(3));
        const double h = 1e-5;

        ParameterVector.Assign(model, theta + h * v);
        var plus = hvp.Gradient();
        ParameterVector.Assign(model, theta - h * v);
        var minus = hvp.Gradient();
        ParameterVector.Assign(model, theta);

        var difference = (plus - minus) / (2 * h);
        var product = hvp.Apply(v);
        var error = (product - difference).norm().ToDouble() / product.norm().ToDouble();
        Assert.True(error < 1e-7, $"relative error {error}");
    }

    [Fact]
    public void ChunkedProductEqualsTheSingleChunkProduct()
    {
        var model = TinyMlp(float64);
        var data = Data(float64);
        var v = randn(26, float64, generator: new Generator(4));

        var whole = new HessianVectorProduct(model, MeanSquaredError, Chunks(data, 10)).Apply(v);
        var chunked = new HessianVectorProduct(model, MeanSquaredError, Chunks(data, 4, 3, 3)).Apply(v);

        Assert.True((whole - chunked).abs().max().ToDouble() < 1e-13);
        var wholeGradient = new HessianVectorProduct(model, MeanSquaredError, Chunks(data, 10)).Gradient();
        var chunkedGradient = new HessianVectorProduct(model, MeanSquaredError, Chunks(data, 4, 3, 3)).Gradient();
        Assert.True((wholeGradient - chunkedGradient).abs().max().ToDouble() < 1e-13);
    }

    [Fact]
    public void Float32ProductsMatchFloat64ToSinglePrecision()
    {
        var single = TinyMlp(float32);
        var @double = TinyMlp(float64);
        ParameterVector.Assign(@double, ParameterVector.Flatten(single));
        var data = Data(float64);
        var v = randn(26, float64, generator: new Generator(6));

        var product32 = new HessianVectorProduct(single, MeanSquaredError, [(data.Inputs.to(float32), data.Targets.to(float32))]).Apply(v);
        var product64 = new HessianVectorProduct(@double, MeanSquaredError, [data]).Apply(v);

        Assert.Equal(float64, product32.dtype);
        var error = (product32 - product64).norm().ToDouble() / product64.norm().ToDouble();
        Assert.True(error < 1e-5, $"relative error {error}");
    }

    [Fact]
    public void IsTheMatrixOfAQuadraticLoss()
    {
        var spectrum = new KnownSpectrum([3, 1, -2, 0.5], rotate: true);
        var model = new QuadraticModel(spectrum.Matrix);
        var hvp = new HessianVectorProduct(model, (output, _) => output, [(zeros(1), zeros(1))]);
        var v = randn(4, float64, generator: new Generator(8));

        Assert.True((hvp.Apply(v) - spectrum.Matrix.mv(v)).abs().max().ToDouble() < 1e-14);
        using var top = Lanczos.Largest(hvp, hvp.Dimension, 1, new LanczosOptions(Tolerance: 1e-10));
        Assert.Equal(3.0, top.Values[0], 10);
    }

    [Fact]
    public void RunsBatchNormInEvalModeAndRestoresTheTrainingFlag()
    {
        var norm = nn.BatchNorm1d(4);
        var model = GlobalGenerator.Seeded(9, () => nn.Sequential(nn.Linear(3, 4), norm, nn.Tanh(), nn.Linear(4, 2)));
        model.to(float64);
        var data = Data(float64);
        var hvp = new HessianVectorProduct(model, MeanSquaredError, Chunks(data, 10));
        var v = randn(hvp.Dimension, float64, generator: new Generator(10));
        var runningMean = norm.running_mean!.clone();

        model.train();
        var inTraining = hvp.Apply(v);
        Assert.True(model.training);
        Assert.True(norm.training);
        Assert.True((norm.running_mean! - runningMean).abs().max().ToDouble() == 0, "running statistics must not move");

        model.eval();
        var inEval = hvp.Apply(v);
        Assert.False(model.training);
        Assert.True((inTraining - inEval).abs().max().ToDouble() < 1e-14);
    }

    [Fact]
    public void RestoresEachModuleItsOwnTrainingFlag()
    {
        var norm = nn.BatchNorm1d(4);
        var model = nn.Sequential(nn.Linear(3, 4), norm, nn.Tanh(), nn.Linear(4, 2));
        model.to(float64);
        model.train();
        norm.eval();

        new HessianVectorProduct(model, MeanSquaredError, Chunks(Data(float64), 10)).Apply(ones(34, float64));

        Assert.True(model.training);
        Assert.False(norm.training);
    }

    [Fact]
    public void IsSymmetricAndWorksUnderACallersNoGrad()
    {
        var model = TinyMlp(float64);
        var hvp = new HessianVectorProduct(model, MeanSquaredError, Chunks(Data(float64), 10));
        var u = randn(26, float64, generator: new Generator(14));
        var v = randn(26, float64, generator: new Generator(15));

        using var noGrad = no_grad();
        var uHv = u.dot(hvp.Apply(v)).ToDouble();
        var vHu = v.dot(hvp.Apply(u)).ToDouble();

        Assert.Equal(uHv, vHu, 12);
        Assert.NotEqual(0.0, uHv);
    }

    [Fact]
    public void FlattenAndAssignRoundTrip()
    {
        var model = TinyMlp(float32);
        var theta = ParameterVector.Flatten(model);
        Assert.Equal(ParameterVector.Dimension(model), theta.numel());

        ParameterVector.Assign(model, theta * 2);
        Assert.True((ParameterVector.Flatten(model) - theta * 2).abs().max().ToDouble() == 0);
        Assert.Equal(float32, theta.dtype);
    }
}
