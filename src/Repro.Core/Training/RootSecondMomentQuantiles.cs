using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// Quantiles of √v̂ over the coordinates at one step. The capped clip min(√v̂, c) binds on a fraction q of the
/// coordinates at c = Q(1 − q) (Q99 for 1 %), the floor max(√v̂, c) raises a fraction q at c = Q(q) (Q01 for 1 %).
/// </summary>
public sealed record RootSecondMomentQuantiles(double Q01, double Q10, double Q50, double Q90, double Q99)
{
    /// <summary>The quantiles of a flat tensor (order statistics at round(q·(n − 1)), no interpolation).</summary>
    public static RootSecondMomentQuantiles Of(torch.Tensor values)
    {
        var sorted = values.to(torch.ScalarType.Float64).cpu().data<double>().ToArray();
        Array.Sort(sorted);
        double At(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        return new(At(0.01), At(0.10), At(0.50), At(0.90), At(0.99));
    }
}
