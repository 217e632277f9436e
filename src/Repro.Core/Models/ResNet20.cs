using TorchSharp;
using static TorchSharp.torch.nn;

namespace Repro.Core.Models;

/// <summary>ResNet-20-style: a conv-BN stem, 3 stages of 3 residual blocks (widths base, 2·base, 4·base, stride 2 between stages), global average pool, linear read-out.</summary>
public sealed class ResNet20 : Module<torch.Tensor, torch.Tensor>
{
    private const int Stages = 3;
    private const int BlocksPerStage = 3;

    private readonly Module<torch.Tensor, torch.Tensor> layers;
    private readonly MemoryLayout layout;

    public ResNet20(int channels, int baseWidth, Activation activation, int outputs, MemoryLayout layout = MemoryLayout.ChannelsLast) : base(nameof(ResNet20))
    {
        var modules = new List<Module<torch.Tensor, torch.Tensor>> { Layers.ConvBatchNorm(channels, baseWidth, activation) };
        var inputs = baseWidth;
        for (var stage = 0; stage < Stages; stage++)
        {
            var filters = baseWidth << stage;
            for (var block = 0; block < BlocksPerStage; block++)
            {
                modules.Add(new ResidualBlock(inputs, filters, stride: stage > 0 && block == 0 ? 2 : 1, activation));
                inputs = filters;
            }
        }
        modules.Add(AdaptiveAvgPool2d(1));
        modules.Add(Flatten());
        modules.Add(Linear(inputs, outputs));
        this.layout = layout;
        layers = Sequential(modules);
        RegisterComponents();
    }

    public override torch.Tensor forward(torch.Tensor input) => layers.forward(layout.Apply(input));
}
