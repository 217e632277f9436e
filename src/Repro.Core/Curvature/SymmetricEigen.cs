using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// Eigen-decomposition of small dense symmetric matrices (the Lanczos tridiagonal, Gram matrices) by LAPACK's
/// symmetric solver through <c>torch.linalg.eigh</c>, in double precision, as plain arrays.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Eigenvalues in ascending order; eigenvector j is column j of <c>Vectors</c>.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        var m = matrix.GetLength(0);
        if (matrix.GetLength(1) != m) throw new ArgumentException("The matrix must be square.");
        if (m == 0) return ([], new double[0, 0]);
        using var scope = NewDisposeScope();
        var (values, vectors) = linalg.eigh(tensor(matrix, float64));
        var entries = vectors.contiguous().data<double>().ToArray();
        var result = new double[m, m];
        Buffer.BlockCopy(entries, 0, result, 0, entries.Length * sizeof(double));
        return (values.data<double>().ToArray(), result);
    }

    /// <summary>Decomposes the symmetric tridiagonal matrix with <paramref name="diagonal"/> and <paramref name="offDiagonal"/>.</summary>
    public static (double[] Values, double[,] Vectors) DecomposeTridiagonal(
        IReadOnlyList<double> diagonal, IReadOnlyList<double> offDiagonal)
    {
        var m = diagonal.Count;
        if (offDiagonal.Count < m - 1) throw new ArgumentException("A tridiagonal of size m needs m - 1 off-diagonal entries.");
        var t = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            t[i, i] = diagonal[i];
            if (i + 1 < m) t[i, i + 1] = t[i + 1, i] = offDiagonal[i];
        }
        return Decompose(t);
    }
}
