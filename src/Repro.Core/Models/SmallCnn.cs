using TorchSharp;
using static TorchSharp.torch.nn;

namespace Repro.Core.Models;

/// <summary>Two 3×3 convolutions of the same width, each followed by the activation and 2×2 max-pooling, then a linear read-out.</summary>
public sealed class SmallCnn : Module<torch.Tensor, torch.Tensor>
{
    private readonly Module<torch.Tensor, torch.Tensor> layers;
    private readonly MemoryLayout layout;

    public SmallCnn(int channels, int height, int width, int filters, Activation activation, int outputs, MemoryLayout layout = MemoryLayout.ChannelsLast) : base(nameof(SmallCnn))
    {
        this.layout = layout;
        layers = Sequential(
            Conv2d(channels, filters, kernel_size: 3, padding: 1),
            Layers.Nonlinearity(activation),
            MaxPool2d(2),
            Conv2d(filters, filters, kernel_size: 3, padding: 1),
            Layers.Nonlinearity(activation),
            MaxPool2d(2),
            Flatten(),
            Linear(filters * (height / 4) * (width / 4), outputs));
        RegisterComponents();
    }

    public override torch.Tensor forward(torch.Tensor input) => layers.forward(layout.Apply(input));
}
