using Repro.Pipeline.Reports.Stats;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports;

/// <summary>One η of Figure 1: its seeds and its colour.</summary>
public sealed record LrRuns(double Lr, IReadOnlyList<FinishedRun> Runs, Color Color)
{
    /// <summary>The median over the seeds that reached it of the first step with λ₁ ≥ 2/η: the phase boundary; null if none did.</summary>
    public double? Boundary =>
        Runs.Select(Series.EdgeReachedAt).Where(s => s is not null).Select(s => s!.Value).ToList() is { Count: > 0 } steps ? Statistics.Median(steps) : null;

    public SeedBand Band(string column) => SeedBand.Of([.. Runs.Select(r => Series.Measured(r, column))]);

    public string Legend =>
        $"η = {G(Lr)}" + (Runs.Count(r => r.Outcome.Diverged) is > 0 and var d ? $" ({d} of {Runs.Count} diverged)" : "")
        + (Boundary is { } step ? $", λ₁ ≥ 2/η from step {Step(step)}" : ", λ₁ < 2/η throughout");
}
