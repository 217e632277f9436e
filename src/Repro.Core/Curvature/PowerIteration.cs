using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// PyHessian's top-k eigensolver, kept as the baseline Lanczos is measured against: power iteration
/// on H with the eigenvectors already found projected out (deflation), stopped when the Rayleigh
/// quotient's relative change drops below the tolerance. It converges to the eigenvalues largest in
/// magnitude, which are the largest algebraic ones when the positive outliers dominate, as in trained
/// networks. Values are in the order found.
/// </summary>
public static class PowerIteration
{
    public static Eigenpairs Largest(Hvp hvp, long dimension, int count = 1, PowerIterationOptions? options = null)
    {
        options ??= new PowerIterationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (count > dimension) throw new ArgumentException($"Cannot find more than {dimension} eigenpairs.");

        using var scope = NewDisposeScope();
        var generator = new Generator(options.Seed);
        var found = new List<Tensor>();
        var values = new List<double>();
        var hvpCount = 0;

        for (var i = 0; i < count; i++)
        {
            var v = Deflate(Start(options.WarmStart, i, dimension, generator), found);
            // A warm start lying in the span already found carries no information: start at random.
            if (!(v.norm().ToDouble() > 1e-12)) v = Deflate(randn(dimension, float64, generator: generator), found);
            v = v / v.norm();
            double? eigenvalue = null;
            for (var iteration = 0; iteration < options.MaxIterations; iteration++)
            {
                using var step = NewDisposeScope();
                var product = Deflate(hvp(v).reshape(-1).to(float64), found);
                hvpCount++;
                var quotient = product.dot(v).ToDouble();
                var norm = product.norm().ToDouble();
                // H restricted to the complement is zero: any unit vector there is an eigenvector.
                if (norm == 0)
                {
                    eigenvalue = 0;
                    break;
                }
                v = (product / norm).MoveToOuterDisposeScope();
                var converged = eigenvalue is { } previous &&
                    Math.Abs(quotient - previous) / (Math.Abs(previous) + 1e-6) < options.Tolerance;
                eigenvalue = quotient;
                if (converged) break;
            }
            found.Add(v);
            values.Add(eigenvalue ?? 0);
        }

        var vectors = stack(found).MoveToOuterDisposeScope();
        return new Eigenpairs([.. values], vectors, hvpCount);
    }

    private static Tensor Start(Tensor? warmStart, int index, long dimension, Generator generator)
    {
        if (warmStart is not null)
        {
            var rows = warmStart.dim() == 1 ? warmStart.unsqueeze(0) : warmStart;
            if (index < rows.shape[0]) return rows[index].to(float64);
        }
        return randn(dimension, float64, generator: generator);
    }

    private static Tensor Deflate(Tensor v, List<Tensor> found)
    {
        foreach (var u in found) v = v - u * u.dot(v);
        return v;
    }
}
