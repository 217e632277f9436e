using Repro.Core.Curvature;
using Repro.Core.Losses;
using Repro.Core.Models;
using TorchSharp;

namespace Repro.Core.Tests.Models;

/// <summary>Channels-last is a memory layout, not a different net: same parameters, same loss, same gradients within float tolerance.</summary>
public class MemoryLayoutTests
{
    [Theory]
    [InlineData(Architecture.Vgg)]
    [InlineData(Architecture.ResNet)]
    [InlineData(Architecture.Cnn)]
    public void BothLayoutsGiveTheSameLossAndGradients(Architecture architecture)
    {
        using var scope = torch.NewDisposeScope();
        var spec = new ModelSpec(architecture, Width: 8);
        using var contiguous = ModelFactory.Create(spec, 3, 32, 32, 10, seed: 5, MemoryLayout.Contiguous);
        using var channelsLast = ModelFactory.Create(spec, 3, 32, 32, 10, seed: 5, MemoryLayout.ChannelsLast);
        var inputs = torch.randn(8, 3, 32, 32, generator: new torch.Generator(1));
        var labels = torch.arange(8) % 10;

        Assert.True(ParameterVector.Flatten(contiguous).equal(ParameterVector.Flatten(channelsLast)).all().item<bool>(), "same initial parameters, in the same order");
        var convolution = channelsLast.modules().OfType<TorchSharp.Modules.Conv2d>().First().weight!;
        Assert.Equal(1, convolution.stride(1));   // the channels of one kernel position are adjacent: NHWC strides

        var (lossA, gradientA) = LossAndGradient(contiguous, inputs, labels);
        var (lossB, gradientB) = LossAndGradient(channelsLast, inputs, labels);

        Assert.Equal(lossA, lossB, 1e-5);
        var scale = gradientA.abs().max().item<float>();
        Assert.True(scale > 0);
        var largestDifference = (gradientA - gradientB).abs().max().item<float>();
        Assert.True(largestDifference <= 1e-4 * scale, $"largest gradient difference {largestDifference} against a scale of {scale}");
    }

    [Fact]
    public void ChannelsLastInputNeedsNoCopy()
    {
        using var scope = torch.NewDisposeScope();
        var laidOut = MemoryLayout.ChannelsLast.Apply(torch.randn(2, 3, 4, 5, generator: new torch.Generator(2)));
        Assert.Equal(new long[] { 2, 3, 4, 5 }, laidOut.shape);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, laidOut.stride());
        var before = laidOut.clone();
        MemoryLayout.ChannelsLast.Apply(laidOut).zero_();   // writes through: the same memory, no copy
        Assert.Equal(0, laidOut.abs().sum().item<float>());
        Assert.True(before.abs().sum().item<float>() > 0);
    }

    private static (double Loss, torch.Tensor Gradient) LossAndGradient(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor inputs, torch.Tensor labels)
    {
        model.train();
        var loss = Loss.CrossEntropy(model.forward(inputs), labels);
        var gradients = torch.autograd.grad([loss], ParameterVector.Trainable(model).ToList());
        return (loss.item<float>(), ParameterVector.Flatten(gradients));
    }
}
