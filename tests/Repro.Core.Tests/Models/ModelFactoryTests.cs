using Repro.Core.Curvature;
using Repro.Core.Models;
using TorchSharp;

namespace Repro.Core.Tests.Models;

public class ModelFactoryTests
{
    // Counts worked out by hand from the layer shapes (weights + biases + batch-norm scale and shift).
    [Theory]
    [InlineData(Architecture.Mlp, 3, 32, 1, 28, 27_562)] // 784·32+32 + 2·(32·32+32) + 32·10+10
    [InlineData(Architecture.Cnn, 0, 32, 1, 28, 25_258)] // (9·32+32) + (9·32·32+32) + 32·7·7·10+10
    [InlineData(Architecture.Vgg, 0, 8, 3, 32, 35_634)]
    [InlineData(Architecture.ResNet, 0, 8, 3, 32, 68_786)]
    public void OutputShapeAndParameterCount(Architecture architecture, int depth, int width, int channels, int side, long parameters)
    {
        using var model = ModelFactory.Create(new ModelSpec(architecture, depth, width), channels, side, side, classes: 10, seed: 0);
        using var input = torch.ones(4, channels, side, side);

        using var output = model.forward(input);

        Assert.Equal(new long[] { 4, 10 }, output.shape);
        Assert.Equal(parameters, ParameterVector.Dimension(model));
    }

    [Fact]
    public void InitialisationIsDrawnFromTheSeed()
    {
        var spec = new ModelSpec(Architecture.Mlp, 2, 16, Activation.Tanh);
        using var a = ModelFactory.Create(spec, 1, 8, 8, 10, seed: 3);
        using var b = ModelFactory.Create(spec, 1, 8, 8, 10, seed: 3);
        using var c = ModelFactory.Create(spec, 1, 8, 8, 10, seed: 4);

        Assert.True(ParameterVector.Flatten(a).equal(ParameterVector.Flatten(b)).all().item<bool>());
        Assert.False(ParameterVector.Flatten(a).equal(ParameterVector.Flatten(c)).all().item<bool>());
    }
}
