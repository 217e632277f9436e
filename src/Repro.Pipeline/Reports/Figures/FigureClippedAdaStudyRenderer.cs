using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using Repro.Pipeline.Specs;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// The Clipped-Ada study (see <see cref="ClippedAdaStudy"/>): (a) test accuracy per optimizer at its validation-chosen η on
/// the fresh seeds, the pair the claim judges marked; (b) how often the clip binds, against the 1 % precondition;
/// (c) the preconditioned sharpness of the judged Adam and Clipped-Ada runs over training as a multiple of 38/η;
/// (d) the calibration: Adam's √v̂ quantiles over training and the c values taken from them.
/// </summary>
public sealed class FigureClippedAdaStudyRenderer : IArtifactRenderer
{
    public string Name => "figure-clipped-ada-study";

    public IReadOnlyList<string> ClaimStatements => ClippedAdaStudyChecks.Statements;

    public IReadOnlyList<string> RequiredMeasures => ["lambda1", "preconditioned_lambda1"];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> runs, ResultsFolder results)
    {
        var variants = ClippedAdaStudy.Variants(runs);
        Claim[] claims =
        [
            ClippedAdaStudyChecks.ClipActs(spec.Artifact, variants),
            ClippedAdaStudyChecks.BeatsAdam(spec.Artifact, variants),
            ClippedAdaStudyChecks.Instability(spec.Artifact, variants),
        ];
        string scale = Scale.PerGroup(runs);
        var judged = variants.GroupBy(v => v.Variant.BatchSize)
                             .SelectMany(b => new[] { ClippedAdaStudy.Adam(b), ClippedAdaStudy.BestClippedAda(b) }).OfType<VariantResult>().ToList();

        var figure = new Multiplot();
        figure.AddPlots(4);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        var labels = variants.Select(v => v.Variant).OrderBy(v => v.Order).Select(v => v.Label).Distinct().ToList();
        var batches = variants.Select(v => v.Variant.BatchSize).Distinct().ToList();
        PerVariant(figure.GetPlot(0), variants, labels, batches, judged, v => [.. v.TestAccuracies.Select(a => 100 * a)], "test accuracy (%)", log: false,
                   $"(a) test accuracy at each optimizer's validation-chosen η, fresh seeds; ringed: the pair the claim judges (Adam, the best binding Clipped-Ada) — {Verdict(claims[1])}");
        PerVariant(figure.GetPlot(1), [.. variants.Where(v => v.Variant.IsClippedAda)], [.. labels.Where(l => l.StartsWith(DisplayNames.ClippedAda, StringComparison.Ordinal))], batches, judged,
                   v => [.. v.Judged.Select(r => 100 * OptimizerComparison.MeanClipFraction(r))], "clip binds (% of coordinates, mean over training; 0 drawn at 1e-4)", log: true,
                   $"(b) how often the clip binds, fresh seeds (CA: Clipped-Ada; cap min(√v̂, c), floor max(√v̂, c)); dashed: the 1 % precondition — {Verdict(claims[0])}");
        figure.GetPlot(1).Add.HorizontalLine(Math.Log10(100 * ClippedAdaStudy.MinimumClipFraction), 1.5f, Colors.Black, LinePattern.Dashed);
        Sharpness(figure.GetPlot(2), judged, $"(c) preconditioned sharpness of the judged Adam and Clipped-Ada runs over training, each seed a line; dashed: Adam's threshold 38/η — {Verdict(claims[2])}");
        Calibration(figure.GetPlot(3), runs, variants);
        var figures = FigureFile.Save(figure, results, spec.Artifact, 1900, 2600);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, ClippedAdaStudyTable.Render(runs, variants, claims, scale));
        return new Rendering(figures, [results.Relative(table)], claims);
    }

    private static string Verdict(Claim claim) => $"check: {claim.Verdict.ToString().ToUpperInvariant()}";

    private static void PerVariant(Plot plot, IReadOnlyList<VariantResult> variants, List<string> labels, List<int> batches, List<VariantResult> judged,
                                   Func<VariantResult, IReadOnlyList<double>> values, string yLabel, bool log, string title)
    {
        double Y(double y) => log ? Math.Log10(Math.Max(y, 1e-4)) : y;
        var all = new List<double>();
        foreach (var (batch, b) in batches.Select((x, i) => (x, i)))
        {
            double offset = batches.Count == 1 ? 0 : (b - (batches.Count - 1) / 2.0) * 0.25;
            var mine = variants.Where(v => v.Variant.BatchSize == batch).ToList();
            var color = FigureFile.Palette[b];
            var seeds = mine.SelectMany(v => values(v).Where(double.IsFinite).Select(y => (X: labels.IndexOf(v.Variant.Label) + offset, Y: Y(y)))).ToList();
            var dots = plot.Add.ScatterPoints(seeds.Select(p => p.X).ToArray(), seeds.Select(p => p.Y).ToArray(), color.WithAlpha(0.5));
            dots.MarkerSize = 6;
            dots.LegendText = $"{DisplayNames.BatchSize(batch)}, one fresh seed";
            all.AddRange(seeds.Select(p => p.Y));
            foreach (var v in mine.Where(v => values(v).Any(double.IsFinite)))
            {
                double x = labels.IndexOf(v.Variant.Label) + offset, y = Y(Statistics.Mean([.. values(v).Where(double.IsFinite)]));
                var mean = plot.Add.ScatterPoints(new[] { x }, new[] { y }, color);
                mean.MarkerShape = MarkerShape.FilledDiamond;
                mean.MarkerSize = 14;
                if (judged.Contains(v))
                {
                    var ring = plot.Add.ScatterPoints(new[] { x }, new[] { y }, Colors.Black);
                    ring.MarkerShape = MarkerShape.OpenCircle;
                    ring.MarkerSize = 26;
                    ring.MarkerLineWidth = 2;
                }
                if (log) continue;   // the clip panel's values are their own label
                var text = plot.Add.Text($"η {G(v.ChosenLr, 2)}", x + 0.06, y);
                text.LabelFontSize = 10;
                text.LabelFontColor = color;
            }
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, labels.Count).Select(i => (double)i)],
                                  [.. labels.Select(Tick)]);
        plot.Axes.SetLimitsX(-0.6, labels.Count - 0.4);
        if (all.Count > 0) plot.Axes.SetLimitsY(all.Min() - 0.3 * (log ? 1 : 2), all.Max() + (log ? 0.3 : 2));
        else title += $"\n({NoFreshRuns})";
        if (log) FigureFile.UseLogTicks(plot.Axes.Left);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.LowerLeft);
    }

    /// <summary>A variant's label in two short lines: "cap\nc = 0.0026" for Clipped-Ada min(√v̂, c), c = 0.0026.</summary>
    private static string Tick(string label) => !label.StartsWith(DisplayNames.ClippedAda, StringComparison.Ordinal) ? label
        : (label.Contains("(paper's)", StringComparison.Ordinal) ? "CA paper's" : label.Contains("max(", StringComparison.Ordinal) ? "CA floor" : "CA cap")
          + "\n" + label[(label.IndexOf("c = ", StringComparison.Ordinal))..].Replace(" (paper's)", "", StringComparison.Ordinal);

    /// <summary>Said on a panel of fresh-seed results before the study's last phase is trained.</summary>
    private const string NoFreshRuns = "no fresh-seed (judge_*) runs yet";

    private static void Sharpness(Plot plot, List<VariantResult> judged, string title)
    {
        if (judged.All(v => v.Judged.Count == 0)) title += $"\n({NoFreshRuns})";
        foreach (var (v, i) in judged.Select((v, i) => (v, i)))
        {
            bool first = true;
            foreach (var run in v.Judged)
            {
                var (steps, values) = Series.Measured(run, MetricColumns.PreconditionedSharpness);
                var kept = Enumerable.Range(0, values.Length).Where(k => steps[k] >= 1 && values[k] > 0).ToArray();
                if (kept.Length == 0) continue;
                double threshold = ClippedAdaStudy.Threshold(run);
                var line = plot.Add.ScatterLine(kept.Select(k => steps[k]).ToArray(), kept.Select(k => Math.Log10(values[k] / threshold)).ToArray(), FigureFile.Palette[(i + 2) % 10]);
                line.LineWidth = 1.5f;
                line.LinePattern = v.Variant.BatchSize == 0 ? LinePattern.Solid : LinePattern.DenselyDashed;
                if (first) line.LegendText = $"{v.Variant.Batch}, {v.Variant.Label} (η = {G(v.ChosenLr, 2)}): above 38/η at {Percent(Statistics.Mean([.. v.Judged.Select(ClippedAdaStudy.TimeAboveThreshold).Where(double.IsFinite)]))} of measurements";
                first = false;
            }
        }
        plot.Add.HorizontalLine(0, 2, Colors.Black, LinePattern.Dashed).LegendText = "(2 + 2β₁)/((1 − β₁)η) = 38/η";
        FigureFile.UseLogTicks(plot.Axes.Left);
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("λ₁(P^{-1/2} H P^{-1/2}) / (38/η)");
        plot.ShowLegend(Alignment.LowerRight);
    }

    private static void Calibration(Plot plot, IReadOnlyList<FinishedRun> runs, IReadOnlyList<VariantResult> variants)
    {
        string[] names = ["1 %", "10 %", "50 %", "90 %", "99 %"];
        foreach (var run in runs.Where(r => ClippedAdaStudy.Has(r, ClippedAdaStudy.CalibrationPrefix)))
        {
            for (int q = 0; q < names.Length; q++)
            {
                var (steps, values) = Series.Measured(run, ClippedAdaStudyTable.QuantileColumns[q]);
                var line = plot.Add.ScatterLine(steps, values.Select(Math.Log10).ToArray(), FigureFile.Palette[q]);
                line.LinePattern = run.Config.BatchSize == 0 ? LinePattern.Solid : LinePattern.DenselyDashed;
                if (run.Seed == runs.Where(r => ClippedAdaStudy.Has(r, ClippedAdaStudy.CalibrationPrefix)).Min(r => r.Seed))
                    line.LegendText = $"{DisplayNames.BatchSize(run.Config.BatchSize)}: √v̂ quantile {names[q]}";
            }
        }
        foreach (var bound in variants.Where(v => v.Variant.IsClippedAda && !v.Variant.IsPaperBound).Select(v => v.Variant).Distinct())
        {
            plot.Add.HorizontalLine(Math.Log10(bound.ClipBound), 1, Colors.Gray, bound.BatchSize == 0 ? LinePattern.Dotted : LinePattern.Dashed);
        }
        FigureFile.UseLogTicks(plot.Axes.Left);
        var calibration = runs.Where(r => ClippedAdaStudy.Has(r, ClippedAdaStudy.CalibrationPrefix)).ToList();
        string minibatch = string.Join(", ", calibration.Select(r => r.Config.BatchSize).Where(b => b > 0).Distinct().Order().Select(DisplayNames.BatchSize));
        string lrs = string.Join(", ", calibration.Select(r => G(r.Lr)).Distinct());
        plot.Title($"(d) calibration: Adam's √v̂ quantiles over training (η = {lrs}, seeds never judged; solid full batch, dashed {minibatch}); "
                   + $"grey: the c values taken from them (dotted full batch, dashed {minibatch})");
        plot.XLabel("step");
        plot.YLabel("√v̂");
        plot.ShowLegend(Alignment.UpperRight);
    }
}
