using TorchSharp;

namespace Repro.Core.Curvature;

/// <summary>
/// Eigenvalues with their unit eigenvectors as the rows of <see cref="Vectors"/> ([k, n], float64),
/// and the number of Hessian-vector products it cost to find them.
/// </summary>
public sealed record Eigenpairs(double[] Values, torch.Tensor Vectors, int HvpCount) : IDisposable
{
    public int Count => Values.Length;

    public torch.Tensor Vector(int index) => Vectors[index];

    public void Dispose() => Vectors.Dispose();
}
