using Repro.Pipeline.Metrics;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>One instability: λ₁ rose above 2/η to <see cref="Peak"/> and fell back to 2/η at step <see cref="FallStep"/> (indices into the run's rows).</summary>
public sealed record InstabilityEvent(int PeakIndex, int FallIndex, double Peak, double FallStep);

/// <summary>
/// The instabilities of a run measured at every step: each maximal stretch of steps with λ₁ &gt; 2/η whose peak reaches
/// (1 + <see cref="MechanismRules.SpikeMargin"/>)·2/η, ending at the first step where λ₁ is back at or below 2/η (the fall:
/// the rapid flattening). A stretch still above the edge when the run ends has no fall and is not an event.
/// </summary>
public static class InstabilityEvents
{
    public static IReadOnlyList<InstabilityEvent> Of(FinishedRun run)
    {
        var steps = Series.Steps(run);
        var sharpness = Series.Rows(run, MetricColumns.Sharpness);
        double edge = 2 / run.Lr;
        var events = new List<InstabilityEvent>();
        int i = 0;
        while (i < sharpness.Length)
        {
            if (!(sharpness[i] > edge)) { i++; continue; }
            int start = i, peak = i;
            while (i < sharpness.Length && !(sharpness[i] <= edge))   // NaN rows (not measured) do not end a stretch
            {
                if (sharpness[i] > sharpness[peak]) peak = i;
                i++;
            }
            if (i < sharpness.Length && sharpness[peak] >= (1 + MechanismRules.SpikeMargin) * edge && start > 0)
                events.Add(new InstabilityEvent(peak, i, sharpness[peak], steps[i]));
        }
        return events;
    }
}
