using TorchSharp;
using static TorchSharp.torch.nn;

namespace Repro.Core.Models;

/// <summary>The basic residual block of ResNet-20: two 3×3 conv-BN layers and a shortcut (1×1 conv-BN where the shape changes).</summary>
public sealed class ResidualBlock : Module<torch.Tensor, torch.Tensor>
{
    private readonly Module<torch.Tensor, torch.Tensor> residual;
    private readonly Module<torch.Tensor, torch.Tensor> shortcut;
    private readonly Module<torch.Tensor, torch.Tensor> activation;

    public ResidualBlock(int inputs, int outputs, int stride, Activation activation) : base(nameof(ResidualBlock))
    {
        residual = Sequential(
            Conv2d(inputs, outputs, kernel_size: 3, stride: stride, padding: 1, bias: false),
            BatchNorm2d(outputs),
            Layers.Nonlinearity(activation),
            Conv2d(outputs, outputs, kernel_size: 3, padding: 1, bias: false),
            BatchNorm2d(outputs));
        shortcut = stride == 1 && inputs == outputs
            ? Identity()
            : Sequential(Conv2d(inputs, outputs, kernel_size: 1, stride: stride, bias: false), BatchNorm2d(outputs));
        this.activation = Layers.Nonlinearity(activation);
        RegisterComponents();
    }

    public override torch.Tensor forward(torch.Tensor input) => activation.forward(residual.forward(input) + shortcut.forward(input));
}
