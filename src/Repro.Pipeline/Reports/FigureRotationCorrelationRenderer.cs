using Repro.Pipeline.Frames;
using Repro.Pipeline.Specs;
using ScottPlot;
using static Repro.Pipeline.Reports.FinalValues;

namespace Repro.Pipeline.Reports;

/// <summary>
/// Across seeds, how the rotation of the leading Hessian eigenvector, 1 − |cos(v₁(t), v₁(t−Δ))|, goes with the sharpness
/// λ₁,t measured at the same step: Pearson and Spearman per seed and pooled over every seed's measurements.
/// </summary>
public sealed class FigureRotationCorrelationRenderer : IArtifactRenderer
{
    /// <summary>
    /// Fixed before the runs. 0.3 is the usual lower edge of a "moderate" rank correlation; the paper reports "strong"
    /// correlations, so this is a lenient reading of its claim, and Spearman because the rotation statistic is heavy-tailed.
    /// </summary>
    public const double SpearmanThreshold = 0.3;

    public string Name => "figure-rotation-correlation";

    public IReadOnlyList<string> ClaimStatements => [CorrelationClaim];

    private const string CorrelationClaim = "The rotation of the leading Hessian eigenvector and the sharpness λ₁,t are correlated across seeds.";

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<RunResult> runs, ResultsFolder results)
    {
        var seeds = runs.Select(Pairs).ToList();
        var pooled = new SeedPairs(-1, [.. seeds.SelectMany(s => s.Sharpness)], [.. seeds.SelectMany(s => s.Rotation)]);

        var figure = new Multiplot();
        figure.AddPlots(2);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        DrawScatter(figure.GetPlot(0), seeds, runs);
        DrawCoefficients(figure.GetPlot(1), seeds, pooled);
        var figures = FigureFile.Save(figure, results, spec.Artifact, 1600, 620);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, Table(seeds, pooled));
        return new Rendering(figures, [results.Relative(table)], [Correlated(spec.Artifact, seeds, pooled)]);
    }

    /// <summary>The claim: pooled Spearman ρ over every seed's (λ₁,t, rotation) pairs above the threshold; needs 2 seeds.</summary>
    public static Claim Correlated(string artifact, IReadOnlyList<SeedPairs> seeds, SeedPairs pooled)
    {
        string check = $"Spearman ρ between 1 − |cos(v₁(t), v₁(t−1))| and λ₁,t, pooled over all seeds' measurements, > {SpearmanThreshold} (≥ 2 seeds)";
        var usable = seeds.Where(s => s.Count >= 3).ToList();
        if (usable.Count < 2)
            return new Claim(artifact, CorrelationClaim, check, $"{usable.Count} seeds with ≥ 3 measurements", ClaimVerdict.NotRun);
        double rho = Statistics.Spearman(pooled.Sharpness, pooled.Rotation);
        string perSeed = string.Join(", ", usable.Select(s => $"seed {s.Seed}: {F(Statistics.Spearman(s.Sharpness, s.Rotation), 2)}"));
        string measured = $"pooled ρ = {F(rho, 3)}, Pearson r = {F(Statistics.Pearson(pooled.Sharpness, pooled.Rotation), 3)} "
                          + $"over {pooled.Count} measurements; per seed ρ: {perSeed}";
        return Claim.Judge(artifact, CorrelationClaim, check, measured, rho > SpearmanThreshold);
    }

    /// <summary>The (λ₁,t, 1 − rotation cosine) pairs of one run, where both were measured.</summary>
    public static SeedPairs Pairs(RunResult run)
    {
        var sharpness = MetricsCsv.Doubles(run.Metrics, MetricColumns.Sharpness);
        var cosine = MetricsCsv.Doubles(run.Metrics, MetricColumns.RotationCosine);
        var rows = Enumerable.Range(0, sharpness.Length).Where(i => double.IsFinite(sharpness[i]) && double.IsFinite(cosine[i])).ToArray();
        return new SeedPairs((int)run.Run.Config.Integer("seed"), [.. rows.Select(i => sharpness[i])], [.. rows.Select(i => 1 - cosine[i])]);
    }

    private static void DrawScatter(Plot plot, IReadOnlyList<SeedPairs> seeds, IReadOnlyList<RunResult> runs)
    {
        // Log scale: the rotation spans many decades (1e-6 when v₁ is frozen, ~1 when it flips); floored at 1e-6.
        for (int i = 0; i < seeds.Count; i++)
        {
            var points = plot.Add.ScatterPoints(seeds[i].Sharpness.ToArray(),
                                                seeds[i].Rotation.Select(r => Math.Log10(Math.Max(r, 1e-6))).ToArray(), FigureFile.Palette[i % 10]);
            points.MarkerSize = 4;
            points.LegendText = $"seed {seeds[i].Seed}";
        }
        foreach (double lr in runs.Select(r => r.Run.Config.Number("lr")).Distinct())
            plot.Add.VerticalLine(2 / lr, 1.5f, Colors.Black, LinePattern.Dashed).LegendText = $"2/η = {G(2 / lr)}";
        plot.Title("(a) rotation of v₁ against sharpness, every measurement");
        plot.XLabel("sharpness λ₁,t");
        plot.YLabel("1 − |cos(v₁(t), v₁(t−1))| (log scale)");
        FigureFile.UseLogTicks(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void DrawCoefficients(Plot plot, IReadOnlyList<SeedPairs> seeds, SeedPairs pooled)
    {
        var xs = Enumerable.Range(0, seeds.Count).Select(i => (double)i).ToArray();
        var pearson = plot.Add.ScatterPoints(xs, seeds.Select(s => Statistics.Pearson(s.Sharpness, s.Rotation)).ToArray(), FigureFile.Palette[0]);
        pearson.MarkerSize = 10;
        pearson.LegendText = "Pearson r, per seed";
        var spearman = plot.Add.ScatterPoints(xs, seeds.Select(s => Statistics.Spearman(s.Sharpness, s.Rotation)).ToArray(), FigureFile.Palette[1]);
        spearman.MarkerSize = 10;
        spearman.MarkerShape = MarkerShape.FilledSquare;
        spearman.LegendText = "Spearman ρ, per seed";
        plot.Add.HorizontalLine(Statistics.Pearson(pooled.Sharpness, pooled.Rotation), 1.5f, FigureFile.Palette[0], LinePattern.Dashed)
            .LegendText = "Pearson r, pooled";
        plot.Add.HorizontalLine(Statistics.Spearman(pooled.Sharpness, pooled.Rotation), 1.5f, FigureFile.Palette[1], LinePattern.Dashed)
            .LegendText = "Spearman ρ, pooled";
        plot.Add.HorizontalLine(SpearmanThreshold, 1, Colors.Gray, LinePattern.Dotted).LegendText = $"claim threshold ρ = {SpearmanThreshold}";
        plot.Add.HorizontalLine(0, 1, Colors.Black, LinePattern.Solid);
        plot.Axes.Bottom.SetTicks(xs, seeds.Select(s => $"seed {s.Seed}").ToArray());
        plot.Axes.SetLimits(-0.5, Math.Max(seeds.Count - 0.5, 0.5), -1.05, 1.05);
        plot.Title("(b) correlation of rotation and λ₁,t per seed and pooled");
        plot.XLabel("seed");
        plot.YLabel("correlation coefficient");
        plot.ShowLegend(Alignment.LowerRight);
    }

    private static string Table(IReadOnlyList<SeedPairs> seeds, SeedPairs pooled)
    {
        var table = new MarkdownTable("seed", "measurements", "Pearson r", "Spearman ρ");
        foreach (var s in seeds.Append(pooled))
            table.Add(s.Seed < 0 ? "pooled" : s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                      s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                      F(Statistics.Pearson(s.Sharpness, s.Rotation), 3), F(Statistics.Spearman(s.Sharpness, s.Rotation), 3));
        return "Correlation between the rotation of v₁, 1 − |cos(v₁(t), v₁(t−1))|, and λ₁,t at the same step.\n\n" + table;
    }
}
