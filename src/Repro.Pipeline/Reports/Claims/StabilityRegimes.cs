using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>Classifies a run into its <see cref="StabilityRegime"/> and names the regimes for tables and legends.</summary>
public static class StabilityRegimes
{
    /// <summary>
    /// Figure 1's settling check. The paper's wording ("λ_max ≈ 2/η") gives no tolerance; 15% is the issue's, fixed before
    /// any run. It is loose enough for the oscillation of λ₁ around 2/η at the edge of stability, tight enough to tell it
    /// from a run still sharpening.
    /// </summary>
    public const double SettlingTolerance = 0.15;

    /// <summary>
    /// λ₁ within 10% below 2/η counts as having reached the edge: at the edge of stability λ₁ oscillates around 2/η
    /// (often just below it between spikes), and measurements every k steps can miss the peaks. Fixed before any run.
    /// </summary>
    public const double EdgeTolerance = 0.10;

    /// <summary>
    /// The run's regime; null when its sharpness was never measured. A run that reached 2/η is at the edge of stability only
    /// if it settled there: the median λ₁ over its last third within ±<see cref="SettlingTolerance"/> of 2/η,
    /// Figure 1's settling criterion. Display only: no claim's check reads the regime.
    /// </summary>
    public static StabilityRegime? Of(FinishedRun run)
    {
        if (run.Outcome.Diverged) return StabilityRegime.Divergent;
        double edge = 2 / run.Lr;
        var sharpness = Series.Measured(run, MetricColumns.Sharpness).Values;
        if (sharpness.Length == 0) return null;
        if (sharpness[0] > edge) return StabilityRegime.BeyondEdge;
        if (sharpness.Max() < (1 - EdgeTolerance) * edge) return StabilityRegime.Stable;
        double settled = Series.MedianFrom(run, MetricColumns.Sharpness, 2.0 / 3.0 * run.Outcome.StepsRun) / edge;
        return Math.Abs(settled - 1) <= SettlingTolerance ? StabilityRegime.EdgeOfStability : StabilityRegime.Unsettled;
    }

    /// <summary>
    /// Unstable yet convergent: λ₁ reached 2/η (settled there or not) or started above it. The one definition Figure 1b's
    /// Goldilocks band and its "best accuracy from an unstable η" check share.
    /// </summary>
    public static bool IsUnstableConvergent(StabilityRegime? regime) =>
        regime is StabilityRegime.EdgeOfStability or StabilityRegime.Unsettled or StabilityRegime.BeyondEdge;

    public static string Describe(StabilityRegime regime) => regime switch
    {
        StabilityRegime.Stable => "stable (λ₁ < 2/η throughout)",
        StabilityRegime.EdgeOfStability => "edge of stability (λ₁ reached 2/η and settled within 15% of it)",
        StabilityRegime.Unsettled => "reached 2/η but did not settle within 15% of it",
        StabilityRegime.BeyondEdge => "beyond the edge (η > 2/λ₁(θ₀)), convergent",
        _ => "divergent",
    };
}
