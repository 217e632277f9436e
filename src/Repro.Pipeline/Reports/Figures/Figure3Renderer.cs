using System.Globalization;
using Repro.Core.DiagonalNetwork;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Specs;
using ScottPlot;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Figure 3: GD on the 2-parameter network L(a, b) = (ab)². (a) γ_β against η at the start, with the stability
/// edge 2/λ₁(θ₀) and the regimes the η grid found; (b) the loss landscape with the trajectories, and zoomed in near θ₀ where the stable ones stay; colours as the paper's caption: stable η orange/red/green, unstable blue;
/// (c) the angle of the leading Hessian eigenvector over steps. Table: per η, how each run ended.
/// </summary>
public sealed class Figure3Renderer : IArtifactRenderer
{
    public const string TrajectoriesGroup = "trajectories";
    public const string GridGroup = "lr_grid";

    public IReadOnlyList<string> RequiredGroups => [TrajectoriesGroup, GridGroup];

    public string Name => "figure3";

    public IReadOnlyList<string> ClaimStatements => [FlatteningClaim];

    private const string FlatteningClaim =
        "2-parameter network: GD with η beyond the stability edge (but not divergent) ends at a flatter minimum, the flatter the larger η.";

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> runs, ResultsFolder results)
    {
        var trajectories = Group(runs, TrajectoriesGroup, spec);
        var grid = Group(runs, GridGroup, spec).Concat(trajectories).DistinctBy(r => r.Lr)
                                               .OrderBy(r => r.Lr).ToList();
        var init = trajectories[0].Config.Init;
        double edge = DiagonalLinearNetwork.StabilityEdge(init[0], init[1]);
        var regimes = Regimes.From(grid, edge);

        var colors = Figure3Landscape.ColorsOf(trajectories, edge);

        var figure = new Multiplot();
        figure.AddPlots(4);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        DrawGammaBeta(figure.GetPlot(0), init, edge, regimes, trajectories, colors);
        Figure3Landscape.Overview(figure.GetPlot(1), trajectories, colors, edge);
        Figure3Landscape.NearStart(figure.GetPlot(2), trajectories, colors, edge);
        DrawEigenvectorAngle(figure.GetPlot(3), trajectories, colors);
        var figures = FigureFile.Save(figure, results, spec.Artifact, 1700, 1250);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, Table(grid, edge));
        return new Rendering(figures, [results.Relative(table)], [Flattening(spec, grid, edge)]);
    }

    /// <summary>
    /// Fixed before the runs: every convergent run with η &gt; 2/λ₁(θ₀) ends with λ₁ &lt; 2/η (it left the sharp
    /// minimum it would have reached), and final λ₁ strictly decreases with η among them. Preconditions: the run did not
    /// diverge and η lies beyond the stability edge; at least two such runs. Deterministic runs: no seeds, no spread.
    /// </summary>
    private static Claim Flattening(ExperimentSpec spec, IReadOnlyList<FinishedRun> grid, double edge)
    {
        var beyondEdge = new RunRequirement($"η > 2/λ₁(θ₀) = {G(edge)}", r => r.Lr > edge ? null : "stable η (below the edge)");
        var screening = Screening.Of(grid, [RunRequirement.NotDiverged, beyondEdge], "≥ 2 qualifying runs; deterministic (float64, no seed)");
        var unstable = screening.Qualifying.Select(r => (Lr: r.Lr, Final: Series.Final(r, MetricColumns.Sharpness, IfDiverged.NaN))).ToList();
        string check = "every convergent run with η > 2/λ₁(θ₀) ends with λ₁ < 2/η, and final λ₁ strictly falls as η grows (≥ 2 such runs)";
        // The stable runs are many and not the claim's business: list only the runs excluded for diverging.
        screening = screening with { Excluded = [.. screening.Excluded.Where(e => !e.EndsWith("stable η (below the edge)", StringComparison.Ordinal))] };
        if (unstable.Count < 2)
            return Claim.Inconclusive(spec.Artifact, FlatteningClaim, check, $"{unstable.Count} convergent runs beyond the edge (needs ≥ 2)").On(screening);
        bool belowEdge = unstable.All(u => u.Final < 2 / u.Lr);
        bool falling = unstable.Zip(unstable.Skip(1)).All(p => p.Second.Final < p.First.Final);
        string measured = string.Join(", ", unstable.Select(u => $"η={G(u.Lr)}: λ₁={G(u.Final)} (2/η={G(2 / u.Lr)})")) + " (deterministic runs)";
        return Claim.Judge(spec.Artifact, FlatteningClaim, check, measured, belowEdge && falling).On(screening);
    }

    private static void DrawGammaBeta(Plot plot, IReadOnlyList<double> init, double edge, Regimes regimes, IReadOnlyList<FinishedRun> trajectories, Color[] colors)
    {
        double lo = Math.Log10(regimes.SmallestLr) - 0.2, hi = Math.Log10(regimes.LargestLr) + 0.2;
        plot.Add.HorizontalSpan(lo, Math.Log10(edge), Colors.Gray.WithAlpha(0.10)).LegendText = "stable";
        double divergentFrom = regimes.DivergenceEdge is { } d ? Math.Log10(d) : hi;
        plot.Add.HorizontalSpan(Math.Log10(edge), divergentFrom, Colors.DodgerBlue.WithAlpha(0.12)).LegendText = "unstable, convergent";
        if (regimes.DivergenceEdge is not null)
            plot.Add.HorizontalSpan(divergentFrom, hi, Colors.Navy.WithAlpha(0.18)).LegendText = "divergent";

        var xs = Enumerable.Range(0, 600).Select(i => lo + (hi - lo) * i / 599.0).ToArray();
        var ys = xs.Select(x => Math.Log10(DiagonalLinearNetwork.GammaBeta(init[0], init[1], Math.Pow(10, x)))).ToArray();
        var curve = plot.Add.ScatterLine(xs, ys, Colors.Black);
        curve.LegendText = "γ_β(θ₀)";
        // The filled markers before the dashed lines: ScottPlot draws a filled circle with the path effect the line before
        // it left on their shared paint, which Skia's SVG canvas cannot write ("Unsupported path effect in addPaint").
        for (int i = 0; i < trajectories.Count; i++)
        {
            double lr = trajectories[i].Lr;
            plot.Add.Marker(Math.Log10(lr), Math.Log10(DiagonalLinearNetwork.GammaBeta(init[0], init[1], lr)),
                            MarkerShape.FilledCircle, 9, colors[i]);
        }
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        var edgeLine = plot.Add.VerticalLine(Math.Log10(edge), 1.5f, Colors.Black, LinePattern.Dashed);
        edgeLine.LegendText = $"2/λ₁(θ₀) = {edge:G4}";
        plot.Title($"(a) γ_β at θ₀ against η\n{Scale.Of(trajectories)}");
        plot.XLabel("learning rate η (log scale)");
        plot.YLabel("log₁₀ γ_β  (γ_β < 1: unstable)");
        FigureFile.UseLogTicks(plot.Axes.Bottom);
        plot.Axes.SetLimitsX(lo, hi);
        plot.Axes.SetLimitsY(-2, 2);
        plot.ShowLegend(Alignment.LowerLeft);
    }

    private static void DrawEigenvectorAngle(Plot plot, IReadOnlyList<FinishedRun> trajectories, Color[] colors)
    {
        int lastMove = 0;   // the rotation happens early; show the steps where v₁ still moves, not 1000 flat ones
        for (int i = 0; i < trajectories.Count; i++)
        {
            var t = trajectories[i];
            var steps = Series.Rows(t, MetricColumns.Step);
            var angle = Series.Rows(t, MetricColumns.LeadingEigenvectorAngle);
            int n = angle.TakeWhile(double.IsFinite).Count();
            for (int k = 1; k < n; k++)
                if (Math.Abs(angle[k] - angle[k - 1]) > 0.05) lastMove = Math.Max(lastMove, (int)steps[k]);
            var line = plot.Add.ScatterLine(steps[..n], angle[..n], colors[i]);
            line.LineWidth = 1.5f;
            line.LegendText = Figure3Landscape.Legend(t);
        }
        plot.Title("(c) rotation of the leading Hessian eigenvector v₁");
        plot.XLabel("step");
        plot.YLabel("angle of v₁ from the a-axis (degrees)");
        plot.Axes.SetLimitsX(0, Math.Max(20, 1.5 * lastMove));
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static string Table(IReadOnlyList<FinishedRun> grid, double edge)
    {
        var table = new MarkdownTable("η", "η / (2/λ₁(θ₀))", "regime", "final λ₁", "2/η", "final loss", "steps run", "outcome");
        foreach (var run in grid)
        {
            double lr = run.Lr;
            var sharpness = Series.Rows(run, MetricColumns.Sharpness);
            var loss = Series.Rows(run, MetricColumns.TrainLoss);
            table.Add(G(lr), (lr / edge).ToString("F3", CultureInfo.InvariantCulture), Regimes.Of(run, edge),
                      run.Outcome.Diverged ? "—" : G(sharpness[^1]), G(2 / lr), run.Outcome.Diverged ? "—" : G(loss[^1]),
                      run.Outcome.StepsRun.ToString(CultureInfo.InvariantCulture),
                      run.Outcome.Diverged ? $"diverged at step {run.Outcome.DivergedAtStep}" : "converged");
        }
        return $"GD on L(a, b) = (ab)² from θ₀; stability edge 2/λ₁(θ₀) = {G(edge)}; {Scale.Of(grid)}.\n\n{table}";
    }

    private static string G(double x) => Format.G(x, 4);

    private static List<FinishedRun> Group(IReadOnlyList<FinishedRun> runs, string group, ExperimentSpec spec)
    {
        var members = runs.Where(r => r.Run.Group == group).ToList();
        return members.Count > 0 ? members
            : throw new SpecException(spec.SourceFile, 1, $"the figure3 renderer needs a run group named '{group}'");
    }

    /// <summary>Where the η grid changes regime: the stability edge is analytic, the divergence edge is found by the runs.</summary>
    private sealed record Regimes(double SmallestLr, double LargestLr, double? DivergenceEdge)
    {
        public static Regimes From(IReadOnlyList<FinishedRun> grid, double edge)
        {
            var lrs = grid.Select(r => r.Lr).ToList();
            var firstDivergent = grid.FirstOrDefault(r => r.Outcome.Diverged);
            double? divergence = null;
            if (firstDivergent is not null)
            {
                double lr = firstDivergent.Lr;
                double below = lrs.Where(x => x < lr).DefaultIfEmpty(lr).Max();
                divergence = Math.Sqrt(lr * below);   // geometric midpoint between the last convergent and first divergent η
            }
            return new Regimes(lrs.Min(), lrs.Max(), divergence);
        }

        public static string Of(FinishedRun run, double edge) =>
            run.Outcome.Diverged ? "divergent" : run.Lr < edge ? "stable" : "unstable, convergent";
    }
}
