using Repro.Core.Curvature;
using Repro.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

public class HessianVectorProductSessionTests
{
    private static Tensor MeanSquaredError(Tensor output, Tensor targets) => nn.functional.mse_loss(output, targets);

    private static nn.Module<Tensor, Tensor> Mlp(ScalarType dtype)
    {
        var model = GlobalGenerator.Seeded(31, () => nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 6), nn.Tanh(), nn.Linear(6, 3)));
        model.to(dtype);
        return model;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SessionProductsEqualFreshProductsProductAfterProduct(int chunks)
    {
        var model = Mlp(float32);
        var generator = new Generator(32);
        var inputs = randn(12, 4, float32, generator: generator);
        var targets = randn(12, 3, float32, generator: generator);
        var size = 12 / chunks;
        var set = Enumerable.Range(0, chunks).Select(i => (inputs.narrow(0, i * size, size), targets.narrow(0, i * size, size))).ToList();
        var product = new HessianVectorProduct(model, MeanSquaredError, set);

        using var session = product.OpenSession();
        for (var i = 0; i < 4; i++)
        {
            var v = randn(product.Dimension, float64, generator: generator);
            var fresh = product.Apply(v);
            var reused = session.Apply(v);
            // The same operations on the same graph: equal bit for bit, not just to rounding.
            Assert.True((fresh - reused).abs().max().ToDouble() == 0, $"product {i} differs");
            Assert.True(fresh.norm().ToDouble() > 0);
        }
    }
}
