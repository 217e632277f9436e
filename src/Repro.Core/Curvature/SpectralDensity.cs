using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// The Hessian's eigenvalue density by stochastic Lanczos quadrature: each probe's Lanczos
/// tridiagonal gives nodes θ_j (Ritz values) and weights (first components of T's eigenvectors,
/// squared, summing to 1); the density is the probe-average of Gaussians of width σ at the nodes.
/// </summary>
/// <param name="Grid">Evenly spaced eigenvalue axis.</param>
/// <param name="Density">Density at each grid point; it integrates to ≈ 1 over the grid.</param>
/// <param name="HvpCount">Hessian-vector products used.</param>
public sealed record SpectralDensity(double[] Grid, double[] Density, int HvpCount)
{
    /// <param name="iterations">Lanczos steps per probe: the number of quadrature nodes.</param>
    /// <param name="width">Gaussian σ as a fraction of the spectrum's range.</param>
    public static SpectralDensity Estimate(Hvp hvp, long dimension, int probes = 5, int iterations = 80,
        int gridPoints = 1000, double width = 0.01, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gridPoints, 2);

        var nodes = new List<double[]>();
        var weights = new List<double[]>();
        var generator = new Generator(seed);
        var hvpCount = 0;
        for (var probe = 0; probe < probes; probe++)
        {
            using var scope = NewDisposeScope();
            var start = randint(0, 2, [dimension], float64, generator: generator) * 2 - 1;
            var process = new LanczosProcess(hvp, dimension, start, generator);
            var steps = (int)Math.Min(iterations, dimension);
            while (process.Size < steps && !process.Exhausted) process.Step();
            hvpCount += process.HvpCount;
            var (values, vectors) = process.Ritz();
            nodes.Add(values);
            weights.Add(Enumerable.Range(0, values.Length).Select(j => vectors[0, j] * vectors[0, j]).ToArray());
        }

        var low = nodes.Min(n => n.Min());
        var high = nodes.Max(n => n.Max());
        var range = Math.Max(high - low, Math.Max(Math.Abs(high), 1e-12) * 1e-3);
        var sigma = width * range;
        // Pad by 5σ so the Gaussians at the extreme nodes lie inside the grid and the mass is ≈ 1.
        var grid = Enumerable.Range(0, gridPoints)
            .Select(i => low - 5 * sigma + (range + 10 * sigma) * i / (gridPoints - 1)).ToArray();
        var density = new double[gridPoints];
        var normaliser = 1 / (probes * sigma * Math.Sqrt(2 * Math.PI));
        for (var p = 0; p < probes; p++)
            for (var j = 0; j < nodes[p].Length; j++)
                for (var g = 0; g < gridPoints; g++)
                {
                    var z = (grid[g] - nodes[p][j]) / sigma;
                    density[g] += normaliser * weights[p][j] * Math.Exp(-0.5 * z * z);
                }
        return new SpectralDensity(grid, density, hvpCount);
    }
}
