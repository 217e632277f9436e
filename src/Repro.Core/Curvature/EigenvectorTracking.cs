using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// How the leading eigenvectors and the parameters move between two measurements. Eigenvectors
/// have no sign, so every comparison is sign-invariant.
/// </summary>
public static class EigenvectorTracking
{
    /// <summary>|cos(v, w)|: 1 for the same direction (either sign), 0 for orthogonal ones.</summary>
    public static double RotationCosine(Tensor v, Tensor w)
    {
        using var scope = NewDisposeScope();
        var a = v.reshape(-1).to(float64);
        var b = w.reshape(-1).to(float64);
        var norms = a.norm().ToDouble() * b.norm().ToDouble();
        if (norms == 0) throw new ArgumentException("The rotation cosine of a zero vector is undefined.");
        return Math.Min(1.0, Math.Abs(a.dot(b).ToDouble()) / norms);
    }

    /// <summary>
    /// Cosines of the principal angles between span(U) and span(W), each given as rows ([k, n]),
    /// largest first: the singular values of Q_U Q_Wᵀ for orthonormal bases.
    /// </summary>
    public static double[] PrincipalCosines(Tensor u, Tensor w)
    {
        using var scope = NewDisposeScope();
        var overlap = Orthonormal(u).matmul(Orthonormal(w).T);
        return linalg.svdvals(overlap).clamp(0, 1).data<double>().ToArray();
    }

    /// <summary>
    /// Sine of the largest principal angle between span(U) and span(W) (rows, [k_U, n] and [k_W, n], k_U ≤ k_W):
    /// 0 when span(U) lies inside span(W), 1 when some direction of U is orthogonal to all of W. With k_U = k_W it is
    /// the rotation of a subspace, blind to how the basis turns within it (two eigenvectors swapping their order);
    /// with one row in U, the angle of a vector against a subspace. Computed as ‖(I − P_W) Q_U‖₂, not √(1 − cos²),
    /// so small angles keep their digits.
    /// </summary>
    public static double LargestPrincipalSine(Tensor u, Tensor w)
    {
        if (u.dim() == 1) u = u.unsqueeze(0);
        if (w.dim() == 1) w = w.unsqueeze(0);
        if (u.dim() != 2 || w.dim() != 2 || u.shape[1] != w.shape[1] || u.shape[0] > w.shape[0])
            throw new ArgumentException("Bases must be [k_U, n] and [k_W, n] rows with k_U ≤ k_W.");
        using var scope = NewDisposeScope();
        var qu = Orthonormal(u);
        var qw = Orthonormal(w);
        var outside = qu - qu.matmul(qw.T).matmul(qw);
        return Math.Clamp(linalg.svdvals(outside).max().ToDouble(), 0, 1);
    }

    /// <summary>
    /// Top-k subspace similarity: the mean squared cosine of the principal angles, ‖UᵀW‖_F² / k for
    /// orthonormal bases. 1 for the same subspace in any basis, 0 for orthogonal subspaces.
    /// </summary>
    public static double SubspaceSimilarity(Tensor u, Tensor w)
    {
        if (u.dim() != 2 || w.dim() != 2 || u.shape[0] != w.shape[0] || u.shape[1] != w.shape[1])
            throw new ArgumentException("Both bases must be [k, n] with the same k and n.");
        var cosines = PrincipalCosines(u, w);
        return cosines.Sum(c => c * c) / cosines.Length;
    }

    /// <summary>‖θ − θ_ref‖₂.</summary>
    public static double ParameterDistance(Tensor theta, Tensor reference)
    {
        using var scope = NewDisposeScope();
        return (theta.reshape(-1).to(float64) - reference.reshape(-1).to(float64)).norm().ToDouble();
    }

    private static Tensor Orthonormal(Tensor rows)
    {
        var (q, _) = linalg.qr(rows.to(float64).T);
        return q.T;
    }
}
