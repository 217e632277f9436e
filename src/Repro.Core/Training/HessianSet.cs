using Repro.Core.Models;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>The fixed examples the Hessian is measured on: the first <c>size</c> training examples, in chunks so memory stays bounded.</summary>
public static class HessianSet
{
    /// <summary>Examples per chunk of an MLP's Hessian set (and of the trainer's evaluation passes).</summary>
    public const int ChunkSize = 1024;

    /// <summary>
    /// Examples per chunk of a convolutional net's Hessian set. A convolutional net's double backward over 1,024 CIFAR-10
    /// images works through buffers of hundreds of MB, each one fresh memory the kernel maps and zeroes; over 256 the
    /// same Hessian-vector product took 0.59x the time for the VGG-style net and 0.60x for the ResNet-20-style one, at a
    /// lower peak (5,120 images on 2 threads here; 64, 128 and 512 were slower). The product is the same to float
    /// rounding (its chunks are summed in another order), and in <see cref="Curvature.HessianMode.Train"/> batch norm
    /// takes the statistics of these smaller chunks.
    /// </summary>
    public const int ConvolutionalChunkSize = 256;

    /// <summary>Examples per chunk of the Hessian set of a net of this architecture.</summary>
    public static int ChunkSizeFor(Architecture architecture) => architecture == Architecture.Mlp ? ChunkSize : ConvolutionalChunkSize;

    /// <param name="size">Examples to use; 0 or more than there are means all of them.</param>
    /// <param name="chunkSize">Examples per chunk (<see cref="ChunkSizeFor"/>).</param>
    public static IReadOnlyList<(torch.Tensor Inputs, torch.Tensor Targets)> Chunks(torch.Tensor inputs, torch.Tensor targets, int size, int chunkSize = ChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var count = (int)inputs.shape[0];
        size = size > 0 ? Math.Min(size, count) : count;
        return Enumerable.Range(0, (size + chunkSize - 1) / chunkSize)
            .Select(i => (inputs.narrow(0, i * chunkSize, Math.Min(chunkSize, size - i * chunkSize)),
                          targets.narrow(0, i * chunkSize, Math.Min(chunkSize, size - i * chunkSize))))
            .ToList();
    }
}
