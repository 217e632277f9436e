using Repro.Pipeline.Metrics;
using ScottPlot;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Figure 3 (b): the loss landscape (ab)² with the GD trajectories, whole and zoomed in near θ₀ (the stable runs move
/// only from a = −0.1 to a ≈ 0 along b ≈ 10, hidden under the start marker at the scale of the unstable zigzag).
/// Colours as the paper's caption has them: stable η orange, red, green; unstable η blue.
/// </summary>
public static class Figure3Landscape
{
    private static readonly Color[] StableColors = [FigureFile.Palette[1], FigureFile.Palette[3], FigureFile.Palette[2]];
    private static readonly Color[] UnstableColors = [FigureFile.Palette[0], Colors.Navy, FigureFile.Palette[9]];

    /// <summary>Per trajectory (in order): stable η (below 2/λ₁(θ₀)) orange, red, green; unstable η blue, navy, cyan.</summary>
    public static Color[] ColorsOf(IReadOnlyList<FinishedRun> trajectories, double edge)
    {
        int stable = 0, unstable = 0;
        return [.. trajectories.Select(t => t.Lr < edge ? StableColors[stable++ % StableColors.Length] : UnstableColors[unstable++ % UnstableColors.Length])];
    }

    public static string Legend(FinishedRun run) =>
        $"η = {Format.G(run.Lr, 4)}" + (run.Outcome.Diverged ? $" (diverged at step {run.Outcome.DivergedAtStep})" : "");

    /// <summary>Every convergent trajectory in frame; a divergent one leaves it (its legend says when).</summary>
    public static void Overview(Plot plot, IReadOnlyList<FinishedRun> trajectories, Color[] colors, double edge)
    {
        var shown = trajectories.Where(t => !t.Outcome.Diverged).ToList();
        Draw(plot, trajectories, colors, edge, Bounds(shown.Count > 0 ? shown : trajectories, 0.3, 0.5));
        plot.Title("(b) loss landscape (ab)² with the GD trajectories (grey: level sets ab = ±c)");
    }

    /// <summary>The stable trajectories' region around θ₀, where they would otherwise hide under the start marker.</summary>
    public static void NearStart(Plot plot, IReadOnlyList<FinishedRun> trajectories, Color[] colors, double edge)
    {
        var stable = trajectories.Where(t => t.Lr < edge && !t.Outcome.Diverged).ToList();
        var bounds = Bounds(stable.Count > 0 ? stable : trajectories.Take(1).ToList(), 0.15, 0.02);
        Draw(plot, trajectories, colors, edge, bounds);
        plot.Title("(b, zoomed) near θ₀: the stable η go straight to the sharp minimum at a = 0, b ≈ 10");
    }

    private static (double ALo, double AHi, double BLo, double BHi) Bounds(IReadOnlyList<FinishedRun> runs, double padding, double minimumSpan)
    {
        var a = runs.SelectMany(t => Series.Rows(t, MetricColumns.ParamA)).Where(double.IsFinite).Append(runs[0].Config.Init[0]).ToList();
        var b = runs.SelectMany(t => Series.Rows(t, MetricColumns.ParamB)).Where(double.IsFinite).Append(runs[0].Config.Init[1]).ToList();
        double aSpan = Math.Max(a.Max() - a.Min(), minimumSpan), bSpan = Math.Max(b.Max() - b.Min(), minimumSpan);
        return (a.Min() - padding * aSpan, a.Max() + padding * aSpan, b.Min() - padding * bSpan, b.Max() + padding * bSpan);
    }

    private static void Draw(Plot plot, IReadOnlyList<FinishedRun> trajectories, Color[] colors, double edge, (double ALo, double AHi, double BLo, double BHi) view)
    {
        var (aLo, aHi, bLo, bHi) = view;
        // Level sets of (ab)² are the hyperbolas ab = ±c: drawn exactly rather than from a sampled grid, at levels that suit the view.
        double scale = Math.Max(Math.Abs(aLo), Math.Abs(aHi)) * Math.Max(Math.Abs(bLo), Math.Abs(bHi));
        foreach (double fraction in new[] { 0.01, 0.03, 0.1, 0.3, 1 })
            foreach (double sign in new[] { -1.0, 1.0 })
            {
                double c = fraction * scale;
                var aa = Enumerable.Range(0, 400).Select(i => aLo + (aHi - aLo) * i / 399.0).Where(x => Math.Abs(x) > 1e-12).ToArray();
                var pts = aa.Select(x => new Coordinates(x, sign * c / x)).Where(p => p.Y >= bLo && p.Y <= bHi).ToArray();
                if (pts.Length < 2) continue;
                plot.Add.ScatterLine(pts.Select(p => p.X).ToArray(), pts.Select(p => p.Y).ToArray(), Colors.Gray.WithAlpha(0.5)).LineWidth = 1;
            }
        for (int i = 0; i < trajectories.Count; i++)
        {
            var xs = Series.Rows(trajectories[i], MetricColumns.ParamA);
            var ys = Series.Rows(trajectories[i], MetricColumns.ParamB);
            int n = xs.TakeWhile((x, k) => double.IsFinite(x) && double.IsFinite(ys[k])).Count();
            var path = plot.Add.ScatterLine(xs[..n], ys[..n], colors[i]);
            path.LineWidth = 1.5f;
            path.MarkerSize = 4;
            path.LegendText = Legend(trajectories[i]) + (trajectories[i].Lr < edge ? ", stable" : ", unstable");
            if (n > 0) plot.Add.Marker(xs[n - 1], ys[n - 1], MarkerShape.FilledDiamond, 10, colors[i]);
        }
        plot.Add.Marker(trajectories[0].Config.Init[0], trajectories[0].Config.Init[1], MarkerShape.OpenSquare, 12, Colors.Black).LegendText = "start θ₀";
        plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledDiamond, 10, Colors.Gray).LegendText = "last finite iterate";
        plot.XLabel("a");
        plot.YLabel("b");
        plot.Axes.SetLimits(aLo, aHi, bLo, bHi);
        plot.ShowLegend(Alignment.LowerRight);
    }

}
