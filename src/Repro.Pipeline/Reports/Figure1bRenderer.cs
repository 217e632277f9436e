using Repro.Pipeline.Frames;
using Repro.Pipeline.Specs;
using ScottPlot;
using static Repro.Pipeline.Reports.Plots;

namespace Repro.Pipeline.Reports;

/// <summary>
/// Figure 1 (right): final test accuracy against η, one panel per run group (architecture and data set): mean ± std over
/// seeds, each seed a dot, divergent runs as red crosses on the bottom axis, the stability edge 2/λ₁(θ₀) and the
/// Goldilocks zone (η whose runs are unstable but convergent). Claim: accuracy rises with η up to a point, then training diverges.
/// </summary>
public sealed class Figure1bRenderer : IArtifactRenderer
{
    public const string GoldilocksClaim = "Test accuracy rises with η up to a point, then training diverges (every architecture).";

    /// <summary>
    /// The rise must be at least 2 percentage points: 4 images of the MLP's 200-image test set, 10 of a 500-image one, above
    /// the jitter of a single seed's final accuracy but well below the gains the paper reports. Fixed before any run.
    /// </summary>
    public const double MinimumRise = 0.02;

    public string Name => "figure1b";

    public IReadOnlyList<string> ClaimStatements => [GoldilocksClaim];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<RunResult> runs, ResultsFolder results)
    {
        var groups = ByGroup(runs);
        if (groups.Count == 0) throw new SpecException(spec.SourceFile, 1, "the figure1b renderer needs at least one run");
        var figure = new Multiplot();
        figure.AddPlots(groups.Count);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (int i = 0; i < groups.Count; i++)
            DrawAccuracy(figure.GetPlot(i), groups[i].ToList(), (char)('a' + i));
        var figures = FigureFile.Save(figure, results, spec.Artifact, 650 * groups.Count, 720);
        return new Rendering(figures, [], [Goldilocks(spec.Artifact, runs)]);
    }

    /// <summary>
    /// Fixed before the runs, per run group: among η where no seed diverged, the η with the best mean final test accuracy is
    /// larger than the smallest η and beats it by ≥ 2 percentage points, and some larger η diverged (≥ 1 seed).
    /// PASS only if every group shows both.
    /// </summary>
    public static Claim Goldilocks(string artifact, IReadOnlyList<RunResult> runs)
    {
        const string check = "per architecture: the best convergent η (mean final test accuracy over seeds) is above the smallest η, beats it by ≥ 2 pp, and a larger η diverges";
        var parts = new List<string>();
        bool holds = true;
        foreach (var group in ByGroup(runs))
        {
            var byLr = AccuracyByLr(group.ToList());
            var convergent = byLr.Where(p => p.Diverged == 0 && double.IsFinite(p.Mean)).ToList();
            if (convergent.Count == 0)
            {
                holds = false;
                parts.Add($"{group.Key}: no convergent η");
                continue;
            }
            var smallest = convergent[0];
            var best = convergent.MaxBy(p => p.Mean);
            bool rises = best.Lr > smallest.Lr && best.Mean - smallest.Mean >= MinimumRise;
            var divergent = byLr.FirstOrDefault(p => p.Lr > best.Lr && p.Diverged > 0);
            holds &= rises && divergent.Runs > 0;
            parts.Add($"{group.Key}: η={G(smallest.Lr)} → {Percent(smallest.Mean)}, best η={G(best.Lr)} → {Percent(best.Mean)}, "
                      + (divergent.Runs > 0 ? $"diverges from η={G(divergent.Lr)}" : "no larger η diverged"));
        }
        return Claim.Judge(artifact, GoldilocksClaim, check, string.Join("; ", parts), holds);
    }

    /// <summary>Per η of one group, in increasing order: final test accuracy over convergent seeds and how many seeds diverged.</summary>
    public static IReadOnlyList<LrAccuracy> AccuracyByLr(IReadOnlyList<RunResult> group) =>
        group.GroupBy(Lr).OrderBy(g => g.Key).Select(g =>
        {
            var accuracies = g.Where(r => !r.Outcome.Diverged).Select(r => Last(r, MetricColumns.TestAccuracy)).Where(double.IsFinite).ToList();
            var (mean, std) = MeanStd(accuracies);
            return new LrAccuracy(g.Key, mean, std, accuracies, g.Count(r => r.Outcome.Diverged), g.Count());
        }).ToList();

    private static void DrawAccuracy(Plot plot, IReadOnlyList<RunResult> group, char panel)
    {
        var byLr = AccuracyByLr(group);
        var lrs = byLr.Select(p => p.Lr).ToArray();
        double lo = Math.Log10(lrs[0]) - 0.3, hi = Math.Log10(lrs[^1]) + 0.3;

        if (Goldilocks(group, lrs) is var (from, to))
            plot.Add.HorizontalSpan(from, to, Colors.Gold.WithAlpha(0.25)).LegendText = "Goldilocks zone (unstable, convergent)";

        var convergent = byLr.Where(p => double.IsFinite(p.Mean)).ToList();
        var mean = plot.Add.ScatterLine(convergent.Select(p => Math.Log10(p.Lr)).ToArray(), convergent.Select(p => 100 * p.Mean).ToArray(), Colors.Black);
        mean.LineWidth = 2;
        mean.MarkerSize = 8;
        mean.LegendText = group.Select(r => r.Run.Config.Integer("seed")).Distinct().Count() is var seeds and > 1
            ? $"mean ± std over {seeds} seeds" : "final test accuracy (1 seed)";
        foreach (var p in convergent.Where(p => p.Std > 0))
            plot.Add.Line(Math.Log10(p.Lr), 100 * (p.Mean - p.Std), Math.Log10(p.Lr), 100 * (p.Mean + p.Std)).Color = Colors.Black;
        foreach (var p in byLr)
            foreach (double accuracy in p.Accuracies)
                plot.Add.Marker(Math.Log10(p.Lr), 100 * accuracy, MarkerShape.OpenCircle, 6, FigureFile.Palette[0]);

        bool anyDivergent = false;
        foreach (var p in byLr.Where(p => p.Diverged > 0))
        {
            var cross = plot.Add.Marker(Math.Log10(p.Lr), 1.5, MarkerShape.Cross, 14, Colors.Red);
            if (!anyDivergent) cross.LegendText = "diverged (drawn at the bottom)";
            anyDivergent = true;
        }

        double sharpnessAtInit = Median(group.Select(r => First(r, MetricColumns.Sharpness)).Where(double.IsFinite));
        if (double.IsFinite(sharpnessAtInit))
            plot.Add.VerticalLine(Math.Log10(2 / sharpnessAtInit), 1.5f, Colors.Gray, LinePattern.Dashed).LegendText =
                $"stability edge at init: η = 2/λ₁(θ₀) = {G(2 / sharpnessAtInit)}";

        var config = group[0].Run.Config;
        plot.Title($"({panel}) {Model(config)}\n{Data(config)}\nfull-batch GD, {LossName(config)}, ≤ {config.Integer("steps")} steps");
        plot.XLabel("learning rate η (log scale)");
        plot.YLabel("final test accuracy (%)");
        FigureFile.UseLogTicks(plot.Axes.Bottom);
        double top = convergent.Select(p => 100 * (p.Mean + p.Std)).Concat(byLr.SelectMany(p => p.Accuracies).Select(a => 100 * a)).DefaultIfEmpty(50).Max();
        plot.Axes.SetLimits(lo, hi, 0, Math.Min(100, top + 10));
        plot.ShowLegend(Edge.Bottom);   // below the panel: inside it would cover points at any height
    }

    /// <summary>
    /// The band of log η from the smallest η all of whose runs were unstable (λ₁ reached 2/η or started above it) to the
    /// largest η none of whose runs diverged, reaching halfway (in log η) to the neighbouring grid points; null if empty.
    /// </summary>
    private static (double From, double To)? Goldilocks(IReadOnlyList<RunResult> group, double[] lrs)
    {
        var regimes = group.GroupBy(Lr).ToDictionary(g => g.Key, g => g.Select(StabilityRegimes.Of).ToList());
        int first = Array.FindIndex(lrs, lr => regimes[lr].All(r => r is StabilityRegime.EdgeOfStability or StabilityRegime.BeyondEdge));
        int last = Array.FindLastIndex(lrs, lr => regimes[lr].All(r => r is not StabilityRegime.Divergent));
        if (first < 0 || last < first) return null;
        double Log(int i) => Math.Log10(lrs[i]);
        double from = first > 0 ? (Log(first - 1) + Log(first)) / 2 : Log(first) - 0.15;
        double to = last < lrs.Length - 1 ? (Log(last) + Log(last + 1)) / 2 : Log(last) + 0.15;
        return (from, to);
    }
}
