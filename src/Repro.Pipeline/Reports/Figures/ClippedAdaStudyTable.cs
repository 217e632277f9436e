using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>The study's tables: the calibration of c from Adam's √v̂, and per batch size and variant the η sweep and the fresh seeds.</summary>
public static class ClippedAdaStudyTable
{
    public static readonly string[] QuantileColumns =
        [MetricColumns.SqrtVQ01, MetricColumns.SqrtVQ10, MetricColumns.SqrtVQ50, MetricColumns.SqrtVQ90, MetricColumns.SqrtVQ99];

    /// <summary>Per calibration batch size, the median over all its measurements after step 0 (every seed pooled) of each √v̂ quantile.</summary>
    public static IReadOnlyList<(string Batch, int Measurements, double[] Medians)> Calibration(IReadOnlyList<FinishedRun> runs) =>
        [.. runs.Where(r => ClippedAdaStudy.Has(r, ClippedAdaStudy.CalibrationPrefix))
                .GroupBy(r => r.Config.BatchSize).OrderBy(g => g.Key == 0 ? int.MaxValue : g.Key)
                .Select(g =>
                {
                    var columns = QuantileColumns.Select(c => g.SelectMany(r =>
                    {
                        var (steps, values) = Series.Measured(r, c);
                        return values.Where((_, i) => steps[i] >= 1);
                    }).ToList()).ToList();
                    return (DisplayNames.BatchSize(g.Key), columns[0].Count, columns.Select(c => Statistics.Median(c)).ToArray());
                })];

    public static string Render(IReadOnlyList<FinishedRun> runs, IReadOnlyList<VariantResult> variants, IReadOnlyList<Claim> claims, string scale)
    {
        var calibration = new MarkdownTable("batch", "measurements", "√v̂ 1 %", "10 %", "50 %", "90 %", "99 %",
                                            "capped c binding on ~1 / 10 / 50 %", "floor c raising ~1 / 10 / 50 %");
        foreach (var (batch, count, q) in Calibration(runs))
            calibration.Add(batch, Count(count), G(q[0], 2), G(q[1], 2), G(q[2], 2), G(q[3], 2), G(q[4], 2),
                            $"{G(q[4], 2)} / {G(q[3], 2)} / {G(q[2], 2)}", $"{G(q[0], 2)} / {G(q[1], 2)} / {G(q[2], 2)}");

        var results = new MarkdownTable("batch", "optimizer", "validation accuracy per η (selection seeds; * chosen)", "test accuracy (%) at the chosen η, fresh seeds",
                                        "clip binds (selection / fresh)", "above 38/η (share of measurements)", "peak S_P·η/38", "loss spikes", "diverged / fresh runs");
        foreach (var v in variants)
        {
            var judged = v.Judged;
            results.Add(v.Variant.Batch, v.Variant.Label,
                string.Join(", ", v.Sweep.Select(s => $"{G(s.Lr, 2)}: {F(100 * s.Validation, 1)}{(s.Lr == v.ChosenLr ? "*" : "")}")),
                (v.JudgedAtChosenLr || judged.Count == 0 ? "" : "(not at the chosen η) ") + MeanStd([.. v.TestAccuracies.Select(a => 100 * a)], 1),
                v.Variant.IsClippedAda ? $"{Percent(v.SelectionClipFraction)} / {Percent(v.JudgedClipFraction)}" : Missing,
                Mean(judged, ClippedAdaStudy.TimeAboveThreshold, Percent),
                Mean(judged, ClippedAdaStudy.PeakOverThreshold, x => G(x, 2)),
                judged.Count == 0 ? Missing : F(Statistics.Mean([.. judged.Select(r => (double)ClippedAdaStudy.Spikes(r))]), 1),
                $"{judged.Count(r => r.Outcome.Diverged)} / {judged.Count}");
        }

        var verdicts = string.Join("\n", claims.Select(c => $"- **{c.Verdict.ToString().ToUpperInvariant()}** {c.Statement} {c.Measured}"));
        return $"Clipped-Ada study, {scale}. Calibration: Adam at η = 1e-3 on seeds never judged; c is the median over training of a "
               + "√v̂ quantile (the capped clip min(√v̂, c) binds where √v̂ > c, the floor max(√v̂, c) raises where √v̂ < c). "
               + "The experiment file's comment says which c were taken from here.\n\n" + calibration
               + "\nPer variant: η chosen on the validation split (mean final validation accuracy over the selection seeds, a diverged "
               + "run scoring chance), then fresh seeds at that η. S_P is the preconditioned sharpness λ₁(P^{-1/2}HP^{-1/2}), "
               + "38/η Adam's stability threshold at β₁ = 0.9.\n\n" + results + "\nChecks:\n\n" + verdicts + "\n";
    }

    private static string Mean(IReadOnlyList<FinishedRun> runs, Func<FinishedRun, double> value, Func<double, string> format)
    {
        var values = runs.Select(value).Where(double.IsFinite).ToList();
        return values.Count == 0 ? Missing : format(Statistics.Mean(values));
    }
}
