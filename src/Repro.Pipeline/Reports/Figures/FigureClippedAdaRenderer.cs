using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using Repro.Pipeline.Specs;
using ScottPlot;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// SGD, Adam and Clipped-Ada (c in {0.1, 1, 10}, and an exploratory sweep of c where the clip binds): (a) final test
/// accuracy, (b) final sharpness and (c) the fraction of coordinates where the clip binds, per optimizer, one marker per
/// seed and the mean, one colour per data set; checks that Clipped-Ada beats Adam on test accuracy.
/// </summary>
public sealed class FigureClippedAdaRenderer : IArtifactRenderer
{
    public string Name => "figure-clipped-ada";

    public IReadOnlyList<string> ClaimStatements => [OptimizerComparison.BeatsAdamClaim];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> runs, ResultsFolder results)
    {
        var cells = OptimizerComparison.Cells(runs);
        var figure = new Multiplot();
        figure.AddPlots(3);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        string scale = Scale.PerGroup(runs);
        Draw(figure.GetPlot(0), cells, c => c.TestAccuracyBySeed.Select(a => 100 * a).ToList(), "test accuracy (%)",
             $"(a) final test accuracy per optimizer ({TestImages(runs)} test images per data set)\n{scale}");
        // Log scale: the optimizers' final λ₁ spans decades (SGD at its edge 2/η, the adaptive methods far above it).
        Draw(figure.GetPlot(1), cells, c => c.SharpnessBySeed, "final sharpness λ₁ (largest Hessian eigenvalue, log scale)",
             "(b) final sharpness per optimizer", logScale: true);
        bool recorded = cells.Any(c => double.IsFinite(c.ClipFraction));
        Draw(figure.GetPlot(2), cells, c => c.IsClippedAda ? [.. (c.ClipFractionBySeed ?? []).Select(f => 100 * f)] : [],
             "clip binds (% of coordinates, mean over steps)",
             "(c) how often the clip binds: the share of coordinates with √v̂ > c; 0 means Clipped-Ada is Adam"
             + (recorded ? "" : " — not recorded in these runs"), fromZero: true);
        var figures = FigureFile.Save(figure, results, spec.Artifact, 1900, 1800);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, OptimizerComparison.Table(cells, scale));
        return new Rendering(figures, [results.Relative(table)], [OptimizerComparison.BeatsAdam(spec.Artifact, runs)]);
    }

    private static string TestImages(IReadOnlyList<FinishedRun> runs) =>
        string.Join(" / ", runs.Select(r => Format.Count(r.Config.TestSize)).Distinct());

    private static void Draw(Plot plot, IReadOnlyList<OptimizerCell> cells, Func<OptimizerCell, IReadOnlyList<double>> values,
                             string yLabel, string title, bool fromZero = false, bool logScale = false)
    {
        if (logScale)
        {
            var linear = values;
            values = c => [.. linear(c).Select(v => v > 0 ? Math.Log10(v) : double.NaN)];
        }
        var optimizers = cells.Select(c => c.Label).Distinct().ToList();
        var datasets = cells.Select(c => c.Dataset).Distinct().ToList();
        for (int d = 0; d < datasets.Count; d++)
        {
            double offset = datasets.Count == 1 ? 0 : (d - (datasets.Count - 1) / 2.0) * 0.25;
            var mine = cells.Where(c => c.Dataset == datasets[d]).ToList();
            var seedXs = mine.SelectMany(c => values(c).Where(double.IsFinite).Select(_ => optimizers.IndexOf(c.Label) + offset)).ToArray();
            var seedYs = mine.SelectMany(c => values(c).Where(double.IsFinite).Select(y => y)).ToArray();
            var seeds = plot.Add.ScatterPoints(seedXs, seedYs, FigureFile.Palette[d].WithAlpha(0.5));
            seeds.MarkerSize = 6;
            seeds.LegendText = $"{datasets[d]}, one seed";
            var means = mine.Where(c => values(c).Any(double.IsFinite)).ToList();
            var mean = plot.Add.ScatterPoints(means.Select(c => optimizers.IndexOf(c.Label) + offset).ToArray(),
                                              means.Select(c => Statistics.Mean([.. values(c).Where(double.IsFinite)])).ToArray(), FigureFile.Palette[d]);
            mean.MarkerShape = MarkerShape.FilledDiamond;
            mean.MarkerSize = 14;
            // On the log axis the mean of log λ₁ is drawn: the geometric mean, and the legend says so.
            mean.LegendText = $"{datasets[d]}, {(logScale ? "geometric mean" : "mean")} over seeds";
        }
        // Two or three short lines per label: the exploratory sweep makes ten of them share the axis.
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, optimizers.Count).Select(i => (double)i)],
                                  [.. optimizers.Select(o => o.Replace(" c = ", "\nc = ", StringComparison.Ordinal).Replace(" (exploratory)", "\n(exploratory)", StringComparison.Ordinal))]);
        plot.Axes.SetLimitsX(-0.6, optimizers.Count - 0.4);
        var all = cells.SelectMany(c => values(c)).Where(double.IsFinite).ToList();
        if (all.Count > 0)
        {
            double lo = fromZero ? 0 : all.Min(), hi = all.Max(), pad = Math.Max(0.12 * (hi - lo), logScale ? 0.1 : 0.5);
            plot.Axes.SetLimitsY(fromZero ? 0 : lo - pad, hi + pad);
        }
        else plot.Axes.SetLimitsY(0, 1);
        if (logScale) FigureFile.UseLogTicks(plot.Axes.Left);
        plot.Title(title);
        plot.XLabel("optimizer");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerLeft);
    }
}
