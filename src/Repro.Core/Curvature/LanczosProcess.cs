using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// The Lanczos recurrence with full re-orthogonalisation in float64: after m steps it holds an
/// orthonormal basis Q_m of the Krylov space and the tridiagonal T_m = Q_mᵀ H Q_m. On breakdown
/// (an invariant subspace, β = 0) it continues from a fresh random vector orthogonal to Q_m.
/// Tensors live in the caller's dispose scope.
/// </summary>
internal sealed class LanczosProcess
{
    // β below this fraction of ‖T‖ means the Krylov space is invariant to rounding.
    private const double BreakdownTolerance = 1e-10;

    private readonly Hvp hvp;
    private readonly Generator generator;
    // Q_m as the first Size rows of a preallocated matrix: re-orthogonalisation reads it every step without copying.
    private Tensor basis;
    private readonly List<double> diagonal = [];
    private readonly List<double> offDiagonal = [];
    private Tensor? next;
    private double nextBeta;
    private double scale;

    public LanczosProcess(Hvp hvp, long dimension, Tensor? start, Generator generator)
    {
        this.hvp = hvp;
        this.generator = generator;
        Dimension = dimension;
        basis = empty(InitialCapacity(dimension), dimension, float64);
        next = Normalised(start) ?? RandomOrthogonalUnitVector();
    }

    public long Dimension { get; }

    public int Size { get; private set; }

    public int HvpCount { get; private set; }

    /// <summary>β_m: the norm of the part of H q_m outside the Krylov space; residuals of Ritz pairs scale with it.</summary>
    public double LastBeta { get; private set; }

    public bool Exhausted => next is null;

    /// <summary>The largest |α| + |β| seen: a cheap estimate of ‖H‖ for absolute tolerances.</summary>
    public double Scale => scale;

    /// <summary>Extends the basis by one vector, at the cost of one Hessian-vector product.</summary>
    public void Step()
    {
        if (next is null) throw new InvalidOperationException("The Krylov space already spans the whole parameter space.");
        if (Size > 0) offDiagonal.Add(nextBeta);
        Append(next);

        using var scope = NewDisposeScope();
        var q = next;
        var w = hvp(q).reshape(-1).to(float64);
        HvpCount++;
        var alpha = q.dot(w).ToDouble();
        w = w - q * alpha;
        if (Size > 1) w = w - basis[Size - 2] * offDiagonal[^1];
        w = Orthogonalise(w);
        var beta = w.norm().ToDouble();

        diagonal.Add(alpha);
        LastBeta = beta;
        scale = Math.Max(scale, Math.Abs(alpha) + beta + (offDiagonal.Count > 0 ? offDiagonal[^1] : 0));

        if (beta > BreakdownTolerance * scale)
        {
            next = (w / beta).MoveToOuterDisposeScope();
            nextBeta = beta;
        }
        else
        {
            next = RandomOrthogonalUnitVector()?.MoveToOuterDisposeScope();
            nextBeta = 0;
        }
    }

    /// <summary>Ritz values (ascending) and the eigenvectors of T_m as columns.</summary>
    public (double[] Values, double[,] Vectors) Ritz() => SymmetricEigen.DecomposeTridiagonal(diagonal, offDiagonal);

    /// <summary>‖H y − θ y‖ for the Ritz pair built from column <paramref name="column"/> of T_m's eigenvectors.</summary>
    public double Residual(double[,] tridiagonalVectors, int column) =>
        Math.Abs(LastBeta * tridiagonalVectors[Size - 1, column]);

    /// <summary>Ritz vectors Q_m s for the given columns of T_m's eigenvectors, as rows of a [k, n] tensor.</summary>
    public Tensor RitzVectors(double[,] tridiagonalVectors, IReadOnlyList<int> columns)
    {
        if (columns.Count == 0) return zeros(0, Dimension, float64);
        using var scope = NewDisposeScope();
        var m = Size;
        var s = new double[columns.Count * m];
        for (var i = 0; i < columns.Count; i++)
            for (var j = 0; j < m; j++)
                s[i * m + j] = tridiagonalVectors[j, columns[i]];
        var coefficients = tensor(s, float64).reshape(columns.Count, m);
        var vectors = coefficients.matmul(Basis);
        // Normalise away the rounding in Q_m's orthogonality.
        vectors = vectors / vectors.norm(1, keepdim: true).clamp_min(1e-300);
        return vectors.MoveToOuterDisposeScope();
    }

    private Tensor Basis => basis.narrow(0, 0, Size);

    private static long InitialCapacity(long dimension) => Math.Min(dimension, 32);

    private void Append(Tensor q)
    {
        if (Size == basis.shape[0])
        {
            var grown = empty(Math.Min(Dimension, 2 * basis.shape[0]), Dimension, float64);
            grown.narrow(0, 0, Size).copy_(basis);
            basis.Dispose();
            basis = grown;
        }
        basis[Size].copy_(q);
        Size++;
    }

    private Tensor Orthogonalise(Tensor w)
    {
        if (Size == 0) return w;
        var q = Basis;
        // Twice is enough (Kahan-Parlett "twice is enough") to reach orthogonality at rounding level.
        for (var pass = 0; pass < 2; pass++) w = w - q.T.mv(q.mv(w));
        return w;
    }

    private Tensor? Normalised(Tensor? start)
    {
        if (start is null) return null;
        using var scope = NewDisposeScope();
        var v = start.reshape(-1).to(float64);
        if (v.numel() != Dimension) throw new ArgumentException($"The start vector has {v.numel()} entries, expected {Dimension}.");
        var norm = v.norm().ToDouble();
        if (!(norm > 0) || double.IsInfinity(norm)) return null;
        return (v / norm).MoveToOuterDisposeScope();
    }

    private Tensor? RandomOrthogonalUnitVector()
    {
        if (Size >= Dimension) return null;
        using var scope = NewDisposeScope();
        var v = Orthogonalise(randn(Dimension, float64, generator: generator));
        var norm = v.norm().ToDouble();
        if (!(norm > 1e-8)) return null;
        return (v / norm).MoveToOuterDisposeScope();
    }
}
