using TorchSharp;
using static TorchSharp.torch.nn;

namespace Repro.Core.Models;

internal static class Layers
{
    public static Module<torch.Tensor, torch.Tensor> Nonlinearity(Activation activation) => activation switch
    {
        Activation.Relu => ReLU(),
        Activation.Tanh => Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>3×3 convolution (same padding, no bias: the batch norm after it has one), batch norm, activation.</summary>
    public static Module<torch.Tensor, torch.Tensor> ConvBatchNorm(int inputs, int outputs, Activation activation) =>
        Sequential(
            Conv2d(inputs, outputs, kernel_size: 3, padding: 1, bias: false),
            BatchNorm2d(outputs),
            Nonlinearity(activation));
}
