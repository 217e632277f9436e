using TorchSharp;

namespace Repro.Core.Models;

/// <summary>Builds a network for inputs of shape [C, H, W] with PyTorch's default initialisation drawn from the seed.</summary>
public static class ModelFactory
{
    public static torch.nn.Module<torch.Tensor, torch.Tensor> Create(ModelSpec spec, int channels, int height, int width, int classes, int seed)
    {
        torch.manual_seed(seed);
        return spec.Architecture switch
        {
            Architecture.Mlp => new Mlp(channels * height * width, spec.Depth, spec.Width, spec.Activation, classes),
            Architecture.Cnn => new SmallCnn(channels, height, width, spec.Width, spec.Activation, classes),
            Architecture.Vgg => new VggNet(channels, height, width, spec.Width, spec.Activation, classes),
            Architecture.ResNet => new ResNet20(channels, spec.Width, spec.Activation, classes),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Architecture, null),
        };
    }
}
