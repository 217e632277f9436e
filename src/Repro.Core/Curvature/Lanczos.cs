using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// Extreme eigenpairs of a symmetric operator given only by its Hessian-vector product, by Lanczos
/// with full re-orthogonalisation. Each step costs one HVP; the run stops as soon as every wanted
/// Ritz pair has residual ‖H y − θ y‖ ≤ tol·|θ|, read off the Lanczos relation as |β_m s_m| at no cost.
/// </summary>
public static class Lanczos
{
    // Residuals at this fraction of ‖H‖ are rounding: counts as converged even where tol·|θ| is ~0.
    private const double RoundingLevel = 1e-12;

    /// <summary>The <paramref name="count"/> largest (algebraic) eigenpairs, values descending.</summary>
    public static Eigenpairs Largest(Hvp hvp, long dimension, int count = 1, LanczosOptions? options = null)
    {
        var both = Extremes(hvp, dimension, count, 0, options);
        both.Smallest.Dispose();
        return both.Largest;
    }

    /// <summary>The <paramref name="count"/> smallest (most negative) eigenpairs, values ascending.</summary>
    public static Eigenpairs Smallest(Hvp hvp, long dimension, int count = 1, LanczosOptions? options = null)
    {
        var both = Extremes(hvp, dimension, 0, count, options);
        both.Largest.Dispose();
        return both.Smallest;
    }

    /// <summary>The <paramref name="largest"/> top and <paramref name="smallest"/> bottom eigenpairs from one Krylov space.</summary>
    public static ExtremeEigenpairs Extremes(Hvp hvp, long dimension, int largest, int smallest, LanczosOptions? options = null)
    {
        options ??= new LanczosOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(largest);
        ArgumentOutOfRangeException.ThrowIfNegative(smallest);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (largest > dimension || smallest > dimension)
            throw new ArgumentException($"Cannot find more than {dimension} eigenpairs of a {dimension}-dimensional operator.");

        using var scope = NewDisposeScope();
        var generator = new Generator(options.Seed);
        var process = new LanczosProcess(hvp, dimension, StartVector(options.WarmStart), generator);
        var wanted = Math.Max(largest, smallest);
        var maxIterations = (int)Math.Min(dimension, Math.Max(options.MaxIterations, wanted));

        double[] values;
        double[,] vectors;
        while (true)
        {
            process.Step();
            (values, vectors) = process.Ritz();
            if (process.Size >= wanted && Converged(process, values, vectors, largest, smallest, options)) break;
            if (process.Size >= maxIterations || process.Exhausted) break;
        }

        var m = values.Length;
        var top = Enumerable.Range(0, Math.Min(largest, m)).Select(i => m - 1 - i).ToArray();
        var bottom = Enumerable.Range(0, Math.Min(smallest, m)).ToArray();
        var result = new ExtremeEigenpairs(
            new Eigenpairs(top.Select(i => values[i]).ToArray(),
                process.RitzVectors(vectors, top).MoveToOuterDisposeScope(), process.HvpCount),
            new Eigenpairs(bottom.Select(i => values[i]).ToArray(),
                process.RitzVectors(vectors, bottom).MoveToOuterDisposeScope(), process.HvpCount));
        return result;
    }

    private static bool Converged(LanczosProcess process, double[] values, double[,] vectors, int largest, int smallest, LanczosOptions options)
    {
        var m = values.Length;
        var floor = RoundingLevel * process.Scale;
        var spectrum = Math.Max(Math.Abs(values[0]), Math.Abs(values[m - 1]));
        double Bound(int column, double tolerance) =>
            Math.Max(tolerance * (options.RelativeToSpectrum ? spectrum : Math.Abs(values[column])), floor);
        for (var i = 0; i < largest; i++)
        {
            var column = m - 1 - i;
            if (process.Residual(vectors, column) > Bound(column, options.Tolerance)) return false;
        }
        var bottomTolerance = options.SmallestTolerance ?? options.Tolerance;
        for (var column = 0; column < smallest; column++)
            if (process.Residual(vectors, column) > Bound(column, bottomTolerance)) return false;
        return true;
    }

    private static Tensor? StartVector(Tensor? warmStart)
    {
        if (warmStart is null) return null;
        return warmStart.dim() == 1 ? warmStart : warmStart.to(float64).sum(0L);
    }
}
