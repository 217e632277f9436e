using TorchSharp;
using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

/// <summary>Adam with the denominator bounded by c: θ ← θ − η·m̂ / (min(√v̂, c) + ε), or max for the lower-bound twin.</summary>
public sealed class ClippedAda(
    IEnumerable<Parameter> parameters, double bound, ClipSide side = ClipSide.Upper,
    double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : Adam(parameters, beta1, beta2, epsilon)
{
    public double ClipBound { get; } = bound;

    public ClipSide Side { get; } = side;

    protected override torch.Tensor Bound(torch.Tensor rootSecondMoment) =>
        Side == ClipSide.Upper ? rootSecondMoment.clamp_max_(ClipBound) : rootSecondMoment.clamp_min_(ClipBound);
}
