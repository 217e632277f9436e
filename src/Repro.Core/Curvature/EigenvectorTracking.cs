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
    /// largest first.
    /// </summary>
    public static double[] PrincipalCosines(Tensor u, Tensor w)
    {
        using var scope = NewDisposeScope();
        var overlap = Orthonormal(u).matmul(Orthonormal(w).T);
        // Singular values of the overlap are the square roots of the eigenvalues of overlap·overlapᵀ.
        var gram = overlap.matmul(overlap.T);
        var k = (int)gram.shape[0];
        var entries = gram.data<double>().ToArray();
        var matrix = new double[k, k];
        for (var i = 0; i < k; i++)
        for (var j = 0; j < k; j++)
            matrix[i, j] = entries[i * k + j];
        var (values, _) = SymmetricEigen.Decompose(matrix);
        return values.Reverse().Select(x => Math.Sqrt(Math.Clamp(x, 0, 1))).ToArray();
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
