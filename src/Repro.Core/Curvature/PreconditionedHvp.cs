using TorchSharp;

namespace Repro.Core.Curvature;

/// <summary>
/// v ↦ P^{-1/2} H P^{-1/2} v for a diagonal P &gt; 0: symmetric, with the eigenvalues of P^{-1} H, the matrix that
/// governs a preconditioned update θ ← θ − η P^{-1} g near a minimum. Its largest eigenvalue is the preconditioned sharpness.
/// </summary>
public static class PreconditionedHvp
{
    /// <param name="diagonal">P, flat over the parameters; kept by the returned product, so it must outlive it.</param>
    public static Hvp Of(Hvp hvp, torch.Tensor diagonal)
    {
        var scale = diagonal.to(torch.ScalarType.Float64).rsqrt();
        return v =>
        {
            using var scope = torch.NewDisposeScope();
            var s = scale.to(v.dtype);
            return hvp(v * s).mul_(s).MoveToOuterDisposeScope();
        };
    }
}
