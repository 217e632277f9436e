using System.Globalization;

namespace Repro.Core.Benchmarks;

/// <summary>
/// What the curvature benchmark measured. HVP counts are means per λ₁ estimate; "warm" means started
/// from the previous measurement's leading vector. Residuals are the achieved mean ‖Hv − λv‖/|λ|,
/// checked with one extra product that is not counted.
/// </summary>
public sealed record CurvatureBenchmarkResult(
    long Parameters,
    long Examples,
    double MillisecondsPerGradient,
    double MillisecondsPerHvp,
    double MillisecondsPerSessionHvp,
    int Measurements,
    double LanczosColdHvps,
    double LanczosWarmHvps,
    double PowerColdHvps,
    double PowerWarmHvps,
    double LanczosColdResidual,
    double LanczosWarmResidual,
    double PowerColdResidual,
    double PowerWarmResidual,
    double[] Sharpness,
    double[] Loss)
{
    /// <summary>HVP cost in gradients (the goal: at most 3).</summary>
    public double HvpInGradients => MillisecondsPerHvp / MillisecondsPerGradient;

    /// <summary>One line per figure, for a console or a Markdown code block.</summary>
    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Format(c, "parameters                  {0}", Parameters);
        yield return string.Format(c, "Hessian-set examples        {0}", Examples);
        yield return string.Format(c, "ms per gradient             {0:F2}", MillisecondsPerGradient);
        yield return string.Format(c, "ms per HVP                  {0:F2}  ({1:F2} gradients)", MillisecondsPerHvp, HvpInGradients);
        yield return string.Format(c, "ms per HVP in a session     {0:F2}  ({1:F2} gradients; the gradient graph kept between products)", MillisecondsPerSessionHvp, MillisecondsPerSessionHvp / MillisecondsPerGradient);
        yield return string.Format(c, "λ₁ measurements             {0}", Measurements);
        yield return string.Format(c, "Lanczos HVPs, cold          {0:F1}  (residual {1:E1})", LanczosColdHvps, LanczosColdResidual);
        yield return string.Format(c, "Lanczos HVPs, warm          {0:F1}  (residual {1:E1})", LanczosWarmHvps, LanczosWarmResidual);
        yield return string.Format(c, "power iteration HVPs, cold  {0:F1}  (residual {1:E1})", PowerColdHvps, PowerColdResidual);
        yield return string.Format(c, "power iteration HVPs, warm  {0:F1}  (residual {1:E1})", PowerWarmHvps, PowerWarmResidual);
        yield return "λ₁ along the trajectory     " + string.Join(" ", Sharpness.Select(s => s.ToString("G4", c)));
        yield return "loss along the trajectory   " + string.Join(" ", Loss.Select(l => l.ToString("G4", c)));
    }
}
