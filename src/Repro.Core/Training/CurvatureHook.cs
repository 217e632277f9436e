using Repro.Core.Curvature;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// λ₁, λ₂, λ_min and v₁ of the training-loss Hessian on the fixed Hessian set from ONE Lanczos run, warm-started from the
/// previous measurement's top-k and bottom eigenvectors; how the leading direction moved since that measurement
/// (|cos(v₁(t), v₁(t − Δ))|, the top-k subspace's rotation, v₁'s angle to the previous top-k subspace); with trace
/// probes, Hutchinson's tr(H).
/// Accuracy: residuals are measured against λ₁'s scale. The top k pairs stop at ‖Hy − θy‖ ≤ 1e-3·λ₁, so λ₁ and λ₂ lie
/// within 1e-3·λ₁ of eigenvalues (Krylov–Weinstein; far closer when isolated, r²/gap). λ₂ needs this as much as λ₁: at the
/// edge of stability λ₂, λ₃, … crowd together and at 1e-2·λ₁ Lanczos often stopped on λ₃ (2e-2·λ₁ off) with a top-2
/// space far from the true one (subspace rotation off by up to 0.6 along Figure 1's η = 0.2 run; at 1e-3·λ₁: λ₂ within
/// 6e-6·λ₁, subspace rotation within 2.4e-3, |cos| within 3.4e-4). Even at 1e-3·λ₁ the top-2 subspace is not safe where
/// λ₂ and λ₃ nearly coincide: along the bench's 2,000-step η = 0.2 run (`repro bench curvature --check-accuracy`) λ₂ was
/// within 1.1e-3·λ₁ everywhere, yet the subspace rotation was off by more than 1e-2 at 2 of 80 measurements (by up to
/// 0.74): the subspace is ill-conditioned there at any tolerance, which is why its panels are exploratory. λ_min stops at 1e-2·λ₁: within 1e-2·λ₁ of an
/// eigenvalue and never below the true λ_min (the smallest Ritz value bounds it from above), so a λ_min below
/// −1e-2·λ₁ is negative curvature for certain. That is what Figure 2 reads off λ_min (does it go clearly negative on
/// the scale λ₁ sets), and it spares Lanczos's slow convergence at the dense bottom of the spectrum.
/// Only what <see cref="CurvatureMeasures"/> asks for is computed; the columns of the rest stay empty. The preconditioned
/// sharpness (largest eigenvalue of P^{-1/2} H P^{-1/2}, P the optimizer's diagonal preconditioner) takes a cold Lanczos run
/// of its own at the same tolerance, seeded by the step (no state, so a resumed run measures it as an unbroken one does).
/// </summary>
public sealed class CurvatureHook(
    int every,
    int traceProbes = 0,
    HessianMode mode = HessianMode.Eval,
    CurvatureMeasures measures = CurvatureMeasures.All,
    double tolerance = 1e-3,
    double lambdaMinTolerance = 1e-2,
    int maxIterations = 200) : ICheckpointedHook, ILeadingEigenvectorSource, IDisposable
{
    // λ₂ and the subspace rotations need the top two pairs; λ₁ alone needs one.
    private readonly int topK = (measures & (CurvatureMeasures.Lambda2 | CurvatureMeasures.Subspace)) != 0 ? 2 : 1;
    private readonly int bottomCount = measures.HasFlag(CurvatureMeasures.LambdaMin) ? 1 : 0;

    private const string TopState = "previous_top_eigenvectors";
    private const string BottomState = "previous_bottom_eigenvector";

    private readonly List<int> hvpCounts = [];
    private torch.Tensor? previousTop;      // [k, n], float64
    private torch.Tensor? previousBottom;   // [1, n], float64
    private torch.Tensor? leading;          // [n], float64

    public int Every { get; } = every;

    /// <summary>v₁ of the latest measurement (owned by the hook: valid until the next one, not to be disposed).</summary>
    public torch.Tensor? LeadingEigenvector => leading;

    /// <summary>Hessian-vector products each measurement of this hook took (Lanczos only, not the trace probes).</summary>
    public IReadOnlyList<int> HvpCounts => hvpCounts;

    public MetricsRow Measure(HookContext context, MetricsRow row)
    {
        using var scope = torch.NewDisposeScope();
        var product = new HessianVectorProduct(context.Model, context.Loss, context.HessianSet, mode);
        using var session = product.OpenSession();
        var k = (int)Math.Min(topK, product.Dimension);
        using var pairs = Lanczos.Extremes(session, product.Dimension, largest: k, smallest: bottomCount,
            new LanczosOptions(tolerance, maxIterations, WarmStart: WarmStart(), Seed: (ulong)context.Step,
                               RelativeToSpectrum: true, SmallestTolerance: lambdaMinTolerance));
        hvpCounts.Add(pairs.Largest.HvpCount);
        var top = pairs.Largest.Vectors;
        var v1 = top[0];
        var comparable = previousTop is not null && previousTop.shape[0] == top.shape[0];
        var subspace = measures.HasFlag(CurvatureMeasures.Subspace);
        row = row with
        {
            Sharpness = pairs.Sharpness,
            Lambda2 = measures.HasFlag(CurvatureMeasures.Lambda2) && k >= 2 ? pairs.Largest.Values[1] : null,
            LambdaMin = bottomCount > 0 ? pairs.MostNegative : null,
            RotationCosine = previousTop is null ? null : EigenvectorTracking.RotationCosine(v1, previousTop[0]),
            SubspaceRotation = subspace && comparable ? EigenvectorTracking.LargestPrincipalSine(top, previousTop!) : null,
            V1SubspaceRotation = subspace && previousTop is not null ? EigenvectorTracking.LargestPrincipalSine(v1, previousTop) : null,
            HessianTrace = traceProbes > 0 ? Hutchinson.Trace(session, product.Dimension, traceProbes, (ulong)context.Step).Trace : null,
        };
        if (measures.HasFlag(CurvatureMeasures.PreconditionedLambda1) && context.Preconditioner is { } preconditioner)
            row = MeasurePreconditioned(row, session, product.Dimension, preconditioner, context.Step);
        Replace(top.clone(), bottomCount > 0 ? pairs.Smallest.Vectors.clone() : null);
        return row;
    }

    private MetricsRow MeasurePreconditioned(MetricsRow row, Hvp hvp, long dimension, Optimizers.IDiagonalPreconditioner preconditioner, long step)
    {
        using var root = preconditioner.RootSecondMoment();
        using var diagonal = preconditioner.PreconditionerDiagonal();
        if (root is null || diagonal is null) return row;   // before the first update there is no P yet
        using var pairs = Lanczos.Largest(PreconditionedHvp.Of(hvp, diagonal), dimension, 1,
            new LanczosOptions(tolerance, maxIterations, Seed: (ulong)step, RelativeToSpectrum: true));
        return row with { PreconditionedSharpness = pairs.Values[0], SqrtV = RootSecondMomentQuantiles.Of(root) };
    }

    public IEnumerable<(string Name, torch.Tensor Tensor)> State() =>
        previousTop is null ? []
        : previousBottom is null ? [(TopState, previousTop)]
        : [(TopState, previousTop), (BottomState, previousBottom)];

    public void LoadState(IReadOnlyDictionary<string, torch.Tensor> state, long parameterCount)
    {
        // A checkpoint without what this hook measures (a fresh run, or one written before λ₂ was tracked) starts cold.
        var bottom = state.GetValueOrDefault(BottomState);
        if (state.TryGetValue(TopState, out var top) && (bottomCount == 0 || bottom is not null))
            Replace(SavedState.Require(top, TopState, -1, parameterCount).clone(),
                    bottomCount == 0 ? null : SavedState.Require(bottom!, BottomState, 1, parameterCount).clone());
        else
            Replace(null, null);
    }

    public void Dispose() => Replace(null, null);

    // Lanczos starts from the sum of the previous top-k (and bottom) eigenvectors: the Krylov space then holds all of them.
    private torch.Tensor? WarmStart() =>
        previousTop is null ? null : previousBottom is null ? previousTop : torch.cat([previousTop, previousBottom]);

    private void Replace(torch.Tensor? top, torch.Tensor? bottom)
    {
        previousTop?.Dispose();
        previousBottom?.Dispose();
        leading?.Dispose();
        previousTop = top?.DetachFromDisposeScope();
        previousBottom = bottom?.DetachFromDisposeScope();
        leading = top?[0].clone().DetachFromDisposeScope();
    }
}
