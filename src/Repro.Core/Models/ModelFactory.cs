using TorchSharp;

namespace Repro.Core.Models;

/// <summary>
/// Builds a network for inputs of shape [C, H, W] with PyTorch's default initialisation drawn from the seed. CNNs take
/// their inputs and keep their convolution weights in <paramref name="layout"/> (channels-last unless asked otherwise).
/// </summary>
public static class ModelFactory
{
    public static torch.nn.Module<torch.Tensor, torch.Tensor> Create(ModelSpec spec, int channels, int height, int width, int classes, int seed,
                                                                     MemoryLayout layout = MemoryLayout.ChannelsLast)
    {
        // Layer initialisers draw from libtorch's global generator.
        var model = GlobalGenerator.Seeded(seed, () => Build(spec, channels, height, width, classes, layout));
        layout.ApplyToWeights(model);
        return model;
    }

    private static torch.nn.Module<torch.Tensor, torch.Tensor> Build(ModelSpec spec, int channels, int height, int width, int classes, MemoryLayout layout) =>
        spec.Architecture switch
        {
            Architecture.Mlp => new Mlp(channels * height * width, spec.Depth, spec.Width, spec.Activation, classes),
            Architecture.Cnn => new SmallCnn(channels, height, width, spec.Width, spec.Activation, classes, layout),
            Architecture.Vgg => new VggNet(channels, height, width, spec.Width, spec.Activation, classes, layout),
            Architecture.ResNet => new ResNet20(channels, spec.Width, spec.Activation, classes, layout),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Architecture, null),
        };
}
