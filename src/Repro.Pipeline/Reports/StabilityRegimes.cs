using Repro.Pipeline.Metrics;

namespace Repro.Pipeline.Reports;

/// <summary>Classifies a run into its <see cref="StabilityRegime"/> and names the regimes for tables and legends.</summary>
public static class StabilityRegimes
{
    /// <summary>
    /// λ₁ within 10% below 2/η counts as having reached the edge: at the edge of stability λ₁ oscillates around 2/η
    /// (often just below it between spikes), and measurements every k steps can miss the peaks. Fixed before any run.
    /// </summary>
    public const double EdgeTolerance = 0.10;

    /// <summary>The run's regime; null when its sharpness was never measured.</summary>
    public static StabilityRegime? Of(FinishedRun run)
    {
        if (run.Outcome.Diverged) return StabilityRegime.Divergent;
        double edge = 2 / run.Lr;
        var sharpness = Series.Measured(run, MetricColumns.Sharpness).Values;
        if (sharpness.Length == 0) return null;
        if (sharpness[0] > edge) return StabilityRegime.BeyondEdge;
        return sharpness.Max() >= (1 - EdgeTolerance) * edge ? StabilityRegime.EdgeOfStability : StabilityRegime.Stable;
    }

    public static string Describe(StabilityRegime regime) => regime switch
    {
        StabilityRegime.Stable => "stable (λ₁ < 2/η throughout)",
        StabilityRegime.EdgeOfStability => "edge of stability (λ₁ reached 2/η)",
        StabilityRegime.BeyondEdge => "beyond the edge (η > 2/λ₁(θ₀)), convergent",
        _ => "divergent",
    };
}
