using TorchSharp;
using static TorchSharp.torch.nn;

namespace Repro.Core.Models;

/// <summary>VGG-style: 3 blocks of 3 conv-BN-activation layers, widths base, 2·base, 4·base, max-pool after each block, linear read-out.</summary>
public sealed class VggNet : Module<torch.Tensor, torch.Tensor>
{
    private const int Blocks = 3;
    private const int ConvolutionsPerBlock = 3;

    private readonly Module<torch.Tensor, torch.Tensor> layers;
    private readonly MemoryLayout layout;

    public VggNet(int channels, int height, int width, int baseWidth, Activation activation, int outputs, MemoryLayout layout = MemoryLayout.ChannelsLast) : base(nameof(VggNet))
    {
        var modules = new List<Module<torch.Tensor, torch.Tensor>>();
        var inputs = channels;
        for (var block = 0; block < Blocks; block++)
        {
            var filters = baseWidth << block;
            for (var convolution = 0; convolution < ConvolutionsPerBlock; convolution++)
            {
                modules.Add(Layers.ConvBatchNorm(inputs, filters, activation));
                inputs = filters;
            }
            modules.Add(MaxPool2d(2));
        }
        modules.Add(Flatten());
        modules.Add(Linear(inputs * (height >> Blocks) * (width >> Blocks), outputs));
        this.layout = layout;
        layers = Sequential(modules);
        RegisterComponents();
    }

    public override torch.Tensor forward(torch.Tensor input) => layers.forward(layout.Apply(input));
}
