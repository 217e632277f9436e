using Repro.Core.Curvature;

namespace Repro.Core.Tests.Curvature;

public class SymmetricEigenTests
{
    [Fact]
    public void DecomposesARandomSymmetricMatrix()
    {
        const int n = 12;
        var random = new Random(1);
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
                a[i, j] = a[j, i] = random.NextDouble() * 2 - 1;

        var (values, vectors) = SymmetricEigen.Decompose(a);

        Assert.True(values.Zip(values.Skip(1)).All(pair => pair.First <= pair.Second), "ascending");
        for (var k = 0; k < n; k++)
            for (var i = 0; i < n; i++)
            {
                var av = 0.0;
                for (var j = 0; j < n; j++) av += a[i, j] * vectors[j, k];
                Assert.Equal(values[k] * vectors[i, k], av, 12);
            }
        for (var k = 0; k < n; k++)
            for (var l = 0; l < n; l++)
            {
                var dot = 0.0;
                for (var i = 0; i < n; i++) dot += vectors[i, k] * vectors[i, l];
                Assert.Equal(k == l ? 1.0 : 0.0, dot, 12);
            }
    }

    [Fact]
    public void DecomposesATridiagonalWithAKnownSpectrum()
    {
        // The path-graph Laplacian-like tridiagonal (2 on the diagonal, −1 off it) has eigenvalues 2 − 2cos(kπ/(n+1)).
        const int n = 8;
        var (values, _) = SymmetricEigen.DecomposeTridiagonal(Enumerable.Repeat(2.0, n).ToArray(), Enumerable.Repeat(-1.0, n - 1).ToArray());

        var expected = Enumerable.Range(1, n).Select(k => 2 - 2 * Math.Cos(k * Math.PI / (n + 1))).ToArray();
        for (var k = 0; k < n; k++) Assert.Equal(expected[k], values[k], 12);
    }

    [Fact]
    public void HandlesTheZeroAndOneByOneMatrices()
    {
        var (zeroValues, zeroVectors) = SymmetricEigen.Decompose(new double[3, 3]);
        Assert.Equal([0.0, 0.0, 0.0], zeroValues);
        Assert.Equal(1.0, zeroVectors[0, 0]);

        var (single, _) = SymmetricEigen.DecomposeTridiagonal([5.0], []);
        Assert.Equal([5.0], single);
    }
}
