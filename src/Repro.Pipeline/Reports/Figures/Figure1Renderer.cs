using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using Repro.Pipeline.Specs;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Figure 1: stable and unstable phases of full-batch GD, per η the median over seeds with a min–max band; a dotted line
/// marks the first step where λ₁ reaches 2/η. (a) training loss, (b) sharpness λ₁ with 2/η, (c) ‖θ_t − θ*‖₂ to the final
/// iterate over log steps, (d) the oscillation itself: ‖θ_{t+1} − θ_t‖ and its component along v₁, (e) the period-two
/// signature ‖θ_{t+1} − θ_{t−1}‖ / ‖θ_{t+1} − θ_t‖ ((d), (e) as running medians), and the mechanism checks' panels
/// (<see cref="Figure1MechanismPanels"/>): (f) the cool-downs, (g) cooled λ₁ against η, (h) rotation against η.
/// Table: per run, λ₁(θ₀), that step, and where λ₁ settled.
/// Claims: λ₁ settles near 2/η, and the final λ₁ falls as η grows.
/// </summary>
public sealed class Figure1Renderer : IArtifactRenderer
{
    public const string SettlingClaim = "Sharpness settles within 15% of 2/η in GD runs (edge of stability).";
    public const string FallingClaim = "Final sharpness falls as η grows among convergent GD runs.";

    public string Name => "figure1";

    public IReadOnlyList<string> ClaimStatements =>
        [SettlingClaim, FallingClaim, CooldownCheck.Statement, EqualLossCheck.Statement, RotationGrowthCheck.Statement];

    // The rotation checks read the top-2 subspace's rotation, which needs λ₂.
    public IReadOnlyList<string> RequiredMeasures => ["lambda1", "lambda2", "subspace"];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> all, ResultsFolder results)
    {
        // The GD runs, and their cool-downs (runs that continue them at a small η: a continue_from group), judged apart.
        var runs = all.Where(r => r.Run.Parent is null).ToList();
        var cooled = all.Where(r => r.Run.Parent is not null).ToList();
        if (runs.Count == 0) throw new SpecException(spec.SourceFile, 1, "the figure1 renderer needs at least one run");
        // One colour per η; every panel shows all its seeds (median and min–max band, or one mark per run).
        var lrs = runs.GroupBy(r => r.Lr).OrderBy(g => g.Key)
                      .Select((g, i) => new LrRuns(g.Key, [.. g.OrderBy(r => r.Seed)], FigureFile.Palette[i % FigureFile.Palette.Length])).ToList();
        var cooldown = CooldownCheck.Judge(spec.Artifact, runs, cooled);
        var rotation = RotationGrowthCheck.Judge(spec.Artifact, runs);

        var figure = new Multiplot();
        figure.AddPlots(8);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(4, 2);
        Figure1Panels.Loss(figure.GetPlot(0), lrs, Scale.Of(runs));
        Figure1Panels.Sharpness(figure.GetPlot(1), lrs);
        Figure1Panels.DistanceToFinal(figure.GetPlot(2), lrs);
        Figure1Panels.Oscillation(figure.GetPlot(3), lrs);
        Figure1Panels.PeriodTwo(figure.GetPlot(4), lrs);
        Figure1MechanismPanels.Cooldown(figure.GetPlot(5), lrs, cooled);
        Figure1MechanismPanels.CooledAgainstEta(figure.GetPlot(6), lrs, cooled, cooldown);
        Figure1MechanismPanels.RotationAgainstEta(figure.GetPlot(7), lrs, rotation);
        // The panels over steps span exactly the runs' steps (auto-scaling pads them out to ticks at −500 and 10,500); (c) is over log steps.
        double lastStep = runs.Max(r => Series.Steps(r).DefaultIfEmpty(1).Max());
        foreach (int panel in new[] { 0, 1, 3, 4 }) figure.GetPlot(panel).Axes.SetLimitsX(0, lastStep);
        var figures = FigureFile.Save(figure, results, spec.Artifact, 2000, 2400);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, Table(runs));
        return new Rendering(figures, [results.Relative(table)],
        [
            Settling(spec.Artifact, runs), Falling(spec.Artifact, runs),
            cooldown, EqualLossCheck.Judge(spec.Artifact, runs), rotation,
        ]);
    }

    /// <summary>
    /// Fixed before the runs: the median λ₁ over the last third of each judged run is within ±15% of 2/η, for every
    /// judged run (at least one). Preconditions (new): the run did not diverge and reached 2/η before its last third
    /// (a run that reaches it later has not had time to settle).
    /// </summary>
    public static Claim Settling(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        const string check = "median λ₁ over the last third of each judged run is within ±15% of 2/η (≥ 1 judged run)";
        var screening = Screening.Of(runs.OrderBy(r => r.Lr).ThenBy(r => r.Seed),
                                     [RunRequirement.NotDiverged, RunRequirement.ReachedEdgeBeforeLastThird], "≥ 1 qualifying run");
        if (screening.Qualifying.Count == 0)
            return Claim.Inconclusive(artifact, SettlingClaim, check, "no run meets the preconditions (needs ≥ 1)").On(screening);
        bool holds = true;
        var measured = new List<string>();
        foreach (var lr in screening.Qualifying.GroupBy(r => r.Lr))
        {
            var ratios = lr.Select(r => (Run: r, Ratio: SettledSharpness(r) * r.Lr / 2)).ToList();
            holds &= ratios.All(x => Math.Abs(x.Ratio - 1) <= StabilityRegimes.SettlingTolerance);
            if (ratios.Count == 1)
                measured.Add($"η={G(lr.Key)} seed {ratios[0].Run.Seed}: λ₁ = {G(SettledSharpness(ratios[0].Run))} = {F(ratios[0].Ratio, 2)}·(2/η)");
            else
            {
                var worst = ratios.MaxBy(x => Math.Abs(x.Ratio - 1));
                measured.Add($"η={G(lr.Key)}, {ratios.Count} seeds: λ₁/(2/η) = {MeanStd([.. ratios.Select(x => x.Ratio)], 3)} "
                             + $"(furthest: seed {worst.Run.Seed}, {F(worst.Ratio, 3)})");
            }
        }
        int seeds = screening.Seeds;
        // A relative change δ of λ₁ moves λ₁/(2/η) = r to r(1 + δ): the verdict flips at |r(1 + δ) − 1| = tolerance.
        var parts = screening.Qualifying.Select(r => SettledSharpness(r) * r.Lr / 2).Select(r => (StabilityRegimes.SettlingTolerance - Math.Abs(r - 1)) / r);
        return Claim.Judge(artifact, SettlingClaim, check, string.Join("; ", measured) + (seeds == 1 ? " " + Screening.SeedNote(1) : ""), holds)
                    .On(screening)
                    .Against(DriftCheck.Of(parts, KernelDrift.FullBatchSharpness));
    }

    /// <summary>
    /// Fixed before the runs: the mean over seeds of the final λ₁ strictly falls from each η to the next larger one, over at
    /// least two η. Preconditions (new): the runs did not diverge and ended at their stability edge or converged (a run
    /// still sharpening when its budget ends says nothing about where training ends).
    /// </summary>
    public static Claim Falling(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        const string check = "mean final λ₁ over seeds strictly decreases with η across the judged η (≥ 2 η)";
        var screening = Screening.Of(runs.OrderBy(r => r.Lr).ThenBy(r => r.Seed),
                                     [RunRequirement.NotDiverged, RunRequirement.EndedAtEdgeOrConverged], "≥ 2 η with a qualifying run");
        var byLr = screening.Qualifying.Where(r => double.IsFinite(FinalSharpness(r))).GroupBy(r => r.Lr).OrderBy(g => g.Key)
                            .Select(g => (Lr: g.Key, Runs: g.ToList(), Final: Statistics.Mean([.. g.Select(FinalSharpness)]))).ToList();
        if (byLr.Count < 2)
            return Claim.Inconclusive(artifact, FallingClaim, check, $"{byLr.Count} η with qualifying runs (needs ≥ 2)").On(screening);
        var parts = new List<string> { $"η={G(byLr[0].Lr)}: λ₁={MeanStdOrValue(byLr[0].Runs)}" };
        foreach (var (a, b) in byLr.Zip(byLr.Skip(1)))
        {
            var paired = SeedPairing.Compare(a.Runs, b.Runs, FinalSharpness);
            parts.Add($"η={G(b.Lr)}: λ₁={MeanStdOrValue(b.Runs)}" + (paired.Pairs >= 2 ? $" [{Paired(paired, 2)}]" : ""));
        }
        bool falling = byLr.Zip(byLr.Skip(1)).All(p => p.Second.Final < p.First.Final);
        int seeds = screening.Seeds;
        return Claim.Judge(artifact, FallingClaim, check, string.Join(", ", parts) + " " + Screening.SeedNote(seeds), falling).On(screening)
                    .Against(DriftCheck.Of(DriftCheck.Drops(byLr.Select(x => x.Final)), KernelDrift.FullBatchSharpness));
    }

    private static double FinalSharpness(FinishedRun run) => Series.Final(run, MetricColumns.Sharpness, IfDiverged.NaN);

    private static double SettledSharpness(FinishedRun run) => Series.MedianFrom(run, MetricColumns.Sharpness, 2.0 / 3.0 * run.Outcome.StepsRun);

    private static string MeanStdOrValue(IReadOnlyList<FinishedRun> runs) =>
        runs.Count == 1 ? G(FinalSharpness(runs[0])) : MeanStd([.. runs.Select(FinalSharpness)], 2);

    private static string Table(IReadOnlyList<FinishedRun> runs)
    {
        var table = new MarkdownTable("η", "seed", "2/η", "λ₁(θ₀)", "first step λ₁ ≥ 2/η", "median λ₁, last third", "final λ₁",
                                      "final loss", "final test accuracy", "outcome");
        foreach (var run in runs.OrderBy(r => r.Lr).ThenBy(r => r.Seed))
        {
            table.Add(G(run.Lr), run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                      G(2 / run.Lr), G(Series.First(run, MetricColumns.Sharpness)),
                      Series.EdgeReachedAt(run) is { } at ? Step(at) : "never",
                      G(SettledSharpness(run)), G(Series.Final(run, MetricColumns.Sharpness, IfDiverged.LastFinite)),
                      G(Series.Final(run, MetricColumns.TrainLoss, IfDiverged.LastFinite)),
                      Percent(Series.Final(run, MetricColumns.TestAccuracy, IfDiverged.LastFinite)),
                      run.Outcome.Diverged ? $"diverged at step {run.Outcome.DivergedAtStep}" : $"{run.Outcome.StepsRun} steps ({run.Outcome.StoppedBy})");
        }
        return $"Full-batch GD, {DisplayNames.Setup(runs[0].Config)}; {Scale.Of(runs)}. The phase boundary is the first measured step with λ₁ ≥ 2/η.\n\n{table}";
    }
}
