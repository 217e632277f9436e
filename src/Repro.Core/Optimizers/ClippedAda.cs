using TorchSharp;
using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

/// <summary>
/// Adam with the denominator bounded by c: θ ← θ − η·m̂ / (min(√v̂, c) + ε), or max for the lower-bound twin.
/// It counts where the bound binds (√v̂ &gt; c for the upper bound, √v̂ &lt; c for the lower), so a run can show whether
/// the clip acts at all: with c above every √v̂ Clipped-Ada is Adam.
/// </summary>
public sealed class ClippedAda(
    IEnumerable<Parameter> parameters, double bound, ClipSide side = ClipSide.Upper,
    double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : Adam(parameters, beta1, beta2, epsilon)
{
    private long binding;
    private long coordinates;

    public double ClipBound { get; } = bound;

    public ClipSide Side { get; } = side;

    /// <summary>The fraction of coordinates where the bound changed √v̂ in the latest step; null before the first.</summary>
    public double? ClipFraction => coordinates == 0 ? null : (double)binding / coordinates;

    protected override void BeginStep()
    {
        binding = 0;
        coordinates = 0;
    }

    protected override void Observe(torch.Tensor rootSecondMoment)
    {
        using (var binds = Side == ClipSide.Upper ? rootSecondMoment.gt(ClipBound) : rootSecondMoment.lt(ClipBound))
        using (var count = binds.sum())
            binding += count.item<long>();
        coordinates += rootSecondMoment.numel();
    }

    protected override torch.Tensor Bound(torch.Tensor rootSecondMoment) =>
        Side == ClipSide.Upper ? rootSecondMoment.clamp_max_(ClipBound) : rootSecondMoment.clamp_min_(ClipBound);
}
