using Repro.Core.Curvature;
using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// Sharpness λ₁ and λ_min of the training-loss Hessian on the fixed Hessian set, from one Lanczos run warm-started
/// from the previous measurement's two extreme eigenvectors, and |cos(v₁(t), v₁(t − Δ))| against that measurement;
/// with trace probes, also Hutchinson's estimate of tr(H). Residuals are measured against λ₁'s scale, so λ_min near
/// zero costs no more than λ₁ (see <see cref="LanczosOptions.RelativeToSpectrum"/>).
/// </summary>
public sealed class CurvatureHook(int every, int traceProbes = 0, double tolerance = 1e-3, int maxIterations = 200) : ICheckpointedHook, IDisposable
{
    private torch.Tensor? previous;

    public int Every { get; } = every;

    public MetricsRow Measure(HookContext context, MetricsRow row)
    {
        using var scope = torch.NewDisposeScope();
        var product = new HessianVectorProduct(context.Model, context.Loss, context.HessianSet);
        using var pairs = Lanczos.Extremes(product, product.Dimension, largest: 1, smallest: 1,
            new LanczosOptions(tolerance, maxIterations, WarmStart: previous, Seed: (ulong)context.Step, RelativeToSpectrum: true));
        var leading = pairs.Largest.Vector(0);
        double? rotation = previous is null ? null : EigenvectorTracking.RotationCosine(leading, previous[0]);
        previous?.Dispose();
        previous = torch.stack([leading, pairs.Smallest.Vector(0)]).DetachFromDisposeScope();
        double? trace = traceProbes > 0 ? Hutchinson.Trace(product, product.Dimension, traceProbes, (ulong)context.Step).Trace : null;
        return row with { Sharpness = pairs.Sharpness, LambdaMin = pairs.MostNegative, RotationCosine = rotation, HessianTrace = trace };
    }

    public IEnumerable<(string Name, torch.Tensor Tensor)> State() =>
        previous is null ? [] : [("previous_eigenvectors", previous)];

    public void LoadState(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        previous?.Dispose();
        previous = state.TryGetValue("previous_eigenvectors", out var saved) ? saved.clone().DetachFromDisposeScope() : null;
    }

    public void Dispose() => previous?.Dispose();
}
