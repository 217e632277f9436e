namespace Repro.Core.Curvature;

/// <summary>
/// Eigen-decomposition of small dense symmetric matrices in double precision by cyclic Jacobi
/// rotations: slow for large matrices, but robust and accurate to rounding, which is what the
/// Lanczos tridiagonal (tens to a few hundred rows) needs.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Eigenvalues in ascending order; eigenvector j is column j of <c>Vectors</c>.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        var m = matrix.GetLength(0);
        if (matrix.GetLength(1) != m) throw new ArgumentException("The matrix must be square.");
        var a = (double[,])matrix.Clone();
        var v = new double[m, m];
        for (var i = 0; i < m; i++) v[i, i] = 1.0;

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (var i = 0; i < m; i++)
            for (var j = 0; j < m; j++)
            {
                total += a[i, j] * a[i, j];
                if (i != j) off += a[i, j] * a[i, j];
            }
            if (off == 0 || off <= 1e-30 * total) break;

            for (var p = 0; p < m - 1; p++)
            for (var q = p + 1; q < m; q++)
                Rotate(a, v, p, q);
        }

        var values = new double[m];
        for (var i = 0; i < m; i++) values[i] = a[i, i];
        var order = Enumerable.Range(0, m).OrderBy(i => values[i]).ToArray();
        var sortedValues = order.Select(i => values[i]).ToArray();
        var sortedVectors = new double[m, m];
        for (var col = 0; col < m; col++)
        for (var row = 0; row < m; row++)
            sortedVectors[row, col] = v[row, order[col]];
        return (sortedValues, sortedVectors);
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

    // One Jacobi rotation in the (p, q) plane chosen to zero a[p, q]; v accumulates the rotations.
    private static void Rotate(double[,] a, double[,] v, int p, int q)
    {
        var apq = a[p, q];
        if (apq == 0) return;
        var m = a.GetLength(0);
        var theta = (a[q, q] - a[p, p]) / (2 * apq);
        var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;

        for (var r = 0; r < m; r++)
        {
            if (r == p || r == q) continue;
            var arp = a[r, p];
            var arq = a[r, q];
            a[r, p] = a[p, r] = c * arp - s * arq;
            a[r, q] = a[q, r] = s * arp + c * arq;
        }
        a[p, p] -= t * apq;
        a[q, q] += t * apq;
        a[p, q] = a[q, p] = 0;

        for (var r = 0; r < m; r++)
        {
            var vrp = v[r, p];
            var vrq = v[r, q];
            v[r, p] = c * vrp - s * vrq;
            v[r, q] = s * vrp + c * vrq;
        }
    }
}
