using TorchSharp;

namespace Repro.Core.Models;

/// <summary>Builds a network for inputs of shape [C, H, W] with PyTorch's default initialisation drawn from the seed.</summary>
public static class ModelFactory
{
    // Layer initialisers draw from libtorch's global generator: two models built at once on different threads
    // would interleave their draws, so seeding and building happen under one lock.
    private static readonly Lock GlobalGenerator = new();

    public static torch.nn.Module<torch.Tensor, torch.Tensor> Create(ModelSpec spec, int channels, int height, int width, int classes, int seed)
    {
        lock (GlobalGenerator)
        {
            torch.manual_seed(seed);
            return Build(spec, channels, height, width, classes);
        }
    }

    private static torch.nn.Module<torch.Tensor, torch.Tensor> Build(ModelSpec spec, int channels, int height, int width, int classes) =>
        spec.Architecture switch
        {
            Architecture.Mlp => new Mlp(channels * height * width, spec.Depth, spec.Width, spec.Activation, classes),
            Architecture.Cnn => new SmallCnn(channels, height, width, spec.Width, spec.Activation, classes),
            Architecture.Vgg => new VggNet(channels, height, width, spec.Width, spec.Activation, classes),
            Architecture.ResNet => new ResNet20(channels, spec.Width, spec.Activation, classes),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Architecture, null),
        };
}
