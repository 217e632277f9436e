using TorchSharp;

namespace Repro.Core.Training;

/// <summary>The fixed examples the Hessian is measured on: the first <c>size</c> training examples, in chunks so memory stays bounded.</summary>
public static class HessianSet
{
    public const int ChunkSize = 1024;

    /// <param name="size">Examples to use; 0 or more than there are means all of them.</param>
    public static IReadOnlyList<(torch.Tensor Inputs, torch.Tensor Targets)> Chunks(torch.Tensor inputs, torch.Tensor targets, int size)
    {
        var count = (int)inputs.shape[0];
        size = size > 0 ? Math.Min(size, count) : count;
        return Enumerable.Range(0, (size + ChunkSize - 1) / ChunkSize)
            .Select(i => (inputs.narrow(0, i * ChunkSize, Math.Min(ChunkSize, size - i * ChunkSize)),
                          targets.narrow(0, i * ChunkSize, Math.Min(ChunkSize, size - i * ChunkSize))))
            .ToList();
    }
}
