using TorchSharp;

namespace Repro.Core.Training;

/// <summary>Checks of saved state against what the loading object expects.</summary>
public static class SavedState
{
    /// <summary>The tensor, if it has the given rank and sizes (−1: any size of at least 1).</summary>
    public static torch.Tensor Require(torch.Tensor tensor, string name, params long[] shape)
    {
        if (tensor.dim() != shape.Length || shape.Where((size, i) => size >= 0 ? tensor.shape[i] != size : tensor.shape[i] < 1).Any())
            throw new InvalidDataException(
                $"'{name}' is [{string.Join(", ", tensor.shape)}], expected [{string.Join(", ", shape.Select(s => s >= 0 ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "k"))}]");
        return tensor;
    }
}
