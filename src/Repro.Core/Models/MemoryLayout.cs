using TorchSharp;
using TorchSharp.Modules;

namespace Repro.Core.Models;

/// <summary>
/// How a CNN's 4-D activations and convolution weights lie in memory. The numbers are the same either way (up to the
/// summation order of the kernels libtorch picks); channels-last lets oneDNN run its convolution, batch-norm and pooling
/// kernels without reordering, about twice as fast on CPU for the paper's VGG- and ResNet-style nets
/// (<c>repro bench train</c>).
/// </summary>
public enum MemoryLayout
{
    /// <summary>NCHW, the default layout of PyTorch and of this engine before version 3.</summary>
    Contiguous,

    /// <summary>NHWC strides behind the NCHW shape: the channels of a pixel are adjacent.</summary>
    ChannelsLast,
}

public static class MemoryLayouts
{
    /// <summary>
    /// <paramref name="tensor"/> in the layout; 4-D tensors only, others are returned as they are. A tensor already in
    /// the layout is returned without a copy. (TorchSharp 0.107 takes no memory_format argument, but an NCHW-shaped
    /// tensor with NHWC strides is what libtorch calls channels-last.)
    /// </summary>
    public static torch.Tensor Apply(this MemoryLayout layout, torch.Tensor tensor) =>
        tensor.dim() != 4 ? tensor
        : layout == MemoryLayout.ChannelsLast ? tensor.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)
        : tensor.contiguous();

    /// <summary>Puts every convolution weight of <paramref name="model"/> into the layout, keeping its values and its place among the parameters.</summary>
    public static void ApplyToWeights(this MemoryLayout layout, torch.nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var convolution in model.modules().OfType<Conv2d>())
        {
            using var laidOut = layout.Apply(convolution.weight!.detach());
            convolution.weight!.set_(laidOut);
        }
    }
}
