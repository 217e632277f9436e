using Repro.Core.Curvature;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

/// <summary>A symmetric matrix A = Qᵀ diag(λ) Q with chosen eigenvalues: the Hessian of ½θᵀAθ.</summary>
public sealed class KnownSpectrum
{
    public KnownSpectrum(double[] eigenvalues, bool rotate, ulong seed = 7)
    {
        Eigenvalues = eigenvalues;
        var n = eigenvalues.Length;
        if (rotate)
        {
            var generator = new Generator(seed);
            var (q, _) = linalg.qr(randn(n, n, float64, generator: generator));
            Eigenvectors = q.T.contiguous();
        }
        else
        {
            Eigenvectors = eye(n, dtype: float64);
        }
        Matrix = Eigenvectors.T.matmul(diag(tensor(eigenvalues, float64))).matmul(Eigenvectors);
        Matrix = (Matrix + Matrix.T) / 2;
    }

    public double[] Eigenvalues { get; }

    /// <summary>Row i is the unit eigenvector for <c>Eigenvalues[i]</c>.</summary>
    public Tensor Eigenvectors { get; }

    public Tensor Matrix { get; }

    public long Dimension => Eigenvalues.Length;

    public Hvp Hvp => v => Matrix.mv(v.to(float64));

    public double Trace => Eigenvalues.Sum();

    public Tensor EigenvectorOf(double eigenvalue) => Eigenvectors[Array.IndexOf(Eigenvalues, eigenvalue)];

    /// <summary>Distinct eigenvalues spread over [low, high], shuffled so their order says nothing.</summary>
    public static double[] Spread(int n, double low, double high, int seed = 3)
    {
        var values = Enumerable.Range(0, n).Select(i => low + (high - low) * Math.Pow((double)i / (n - 1), 2)).ToArray();
        new Random(seed).Shuffle(values);
        return values;
    }
}
