using Repro.Core.Curvature;
using Repro.Core.Models;
using Repro.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Training;

public class HessianSetTests
{
    [Theory]
    [InlineData(Architecture.Mlp, 1024)]
    [InlineData(Architecture.Cnn, 256)]
    [InlineData(Architecture.Vgg, 256)]
    [InlineData(Architecture.ResNet, 256)]
    public void ConvolutionalNetsTakeSmallerChunks(Architecture architecture, int expected) =>
        Assert.Equal(expected, HessianSet.ChunkSizeFor(architecture));

    [Fact]
    public void ChunksCoverTheFirstSizeExamplesInOrder()
    {
        using var inputs = arange(700).reshape(700, 1).to(float32);
        using var targets = arange(700);
        var chunks = HessianSet.Chunks(inputs, targets, 600, HessianSet.ConvolutionalChunkSize);

        Assert.Equal([256L, 256L, 88L], chunks.Select(c => c.Inputs.shape[0]));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => (long)i), chunks.SelectMany(c => c.Targets.data<long>().ToArray()));
    }

    /// <summary>
    /// A convolutional net's Hessian-vector product over its Hessian set in chunks of 256 (batch norm in eval mode, as
    /// the figures take it) is the product over one chunk of all 600 examples, to float32 rounding: the chunks only
    /// change the order of a sum.
    /// </summary>
    [Fact]
    public void AConvolutionalNetsProductInChunksEqualsTheWholeSetsToFloatRounding()
    {
        using var scope = NewDisposeScope();
        using var model = ModelFactory.Create(new ModelSpec(Architecture.Cnn, Width: 4), 1, 8, 8, 10, seed: 3);
        var generator = new Generator(11);
        var inputs = randn(600, 1, 8, 8, generator: generator);
        var labels = randint(10, [600], generator: generator);
        static Tensor CrossEntropy(Tensor output, Tensor targets) => nn.functional.cross_entropy(output, targets);

        var whole = new HessianVectorProduct(model, CrossEntropy, HessianSet.Chunks(inputs, labels, 0, 600));
        var chunked = new HessianVectorProduct(model, CrossEntropy,
            HessianSet.Chunks(inputs, labels, 0, HessianSet.ChunkSizeFor(Architecture.Cnn)));
        var v = randn(whole.Dimension, float64, generator: generator);

        var expected = whole.Apply(v);
        var error = (chunked.Apply(v) - expected).norm().ToDouble() / expected.norm().ToDouble();
        Assert.True(expected.norm().ToDouble() > 0);
        Assert.True(error < 1e-5, $"relative difference {error:E2}");
    }
}
