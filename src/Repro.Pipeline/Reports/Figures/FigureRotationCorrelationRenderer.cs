using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using Repro.Pipeline.Specs;
using ScottPlot;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Across seeds, how the rotation of the leading Hessian eigenvector, 1 − |cos(v₁(t), v₁(t−Δ))|, goes with the sharpness
/// λ₁,t measured at the same step: Pearson and Spearman per seed and pooled over every seed's measurements.
/// </summary>
public sealed class FigureRotationCorrelationRenderer : IArtifactRenderer
{
    public string Name => "figure-rotation-correlation";

    public IReadOnlyList<string> ClaimStatements =>
        [CorrelationClaim, SubspaceRotationCorrelationCheck.Statement, RotationPrecedesFlatteningCheck.Statement];

    public IReadOnlyList<string> RequiredMeasures => ["lambda1", "lambda2", "subspace"];

    private const string CorrelationClaim = "The rotation of the leading Hessian eigenvector and the sharpness λ₁,t are correlated across seeds.";

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> runs, ResultsFolder results)
    {
        var seeds = runs.Select(Pairs).ToList();
        var pooled = new SeedPairs(-1, [.. seeds.SelectMany(s => s.Sharpness)], [.. seeds.SelectMany(s => s.Rotation)]);

        var figure = new Multiplot();
        figure.AddPlots(3);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        DrawScatter(figure.GetPlot(0), seeds, runs);
        DrawCoefficients(figure.GetPlot(1), seeds, pooled, runs);
        var events = RotationPrecedesFlatteningCheck.PreFallPercentiles(runs);
        FigureRotationEvents.Draw(figure.GetPlot(2), events.Percentiles);
        var figures = FigureFile.Save(figure, results, spec.Artifact, 2300, 640);

        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, Table(seeds, pooled, runs));
        return new Rendering(figures, [results.Relative(table)],
        [
            Correlated(spec.Artifact, seeds, pooled, runs),
            SubspaceRotationCorrelationCheck.Judge(spec.Artifact, runs),
            RotationPrecedesFlatteningCheck.Judge(spec.Artifact, events),
        ]);
    }

    /// <summary>
    /// The claim, fixed before the runs: pooled Spearman ρ over every judged seed's (λ₁,t, rotation) pairs above the
    /// threshold. Preconditions (new): the seed's run did not diverge, its λ₁ reached 2/η (the rotation of interest is the
    /// one at the edge of stability), and it has ≥ 3 paired measurements; at least 2 such seeds. The spread of the per-seed
    /// ρ is reported beside the pooled value; the top-k subspace rotations are reported beside it as exploratory, not judged.
    /// </summary>
    public static Claim Correlated(string artifact, IReadOnlyList<SeedPairs> seeds, SeedPairs pooled, IReadOnlyList<FinishedRun>? runs = null)
    {
        string check = $"Spearman ρ between 1 − |cos(v₁(t), v₁(t−1))| and λ₁,t, pooled over all seeds' measurements, > {MechanismRules.SpearmanThreshold} (≥ 2 seeds)";
        var enough = new RunRequirement("≥ 3 paired (λ₁, rotation) measurements", r => Pairs(r).Count >= 3 ? null : $"{Pairs(r).Count} paired measurements");
        var reached = new RunRequirement("λ₁ reached 2/η", r => Series.EdgeReachedAt(r) is null ? "λ₁ never reached 2/η" : null);
        var screening = runs is null ? null : Screening.Of(runs, [RunRequirement.NotDiverged, reached, enough], "≥ 2 qualifying seeds");
        var usable = screening is null ? seeds.Where(s => s.Count >= 3).ToList()
                   : seeds.Where(s => screening.Qualifying.Any(r => r.Seed == s.Seed)).ToList();
        Claim Finish(Claim claim) => screening is null ? claim : claim.On(screening);
        if (usable.Count < 2)
            return Finish(Claim.Inconclusive(artifact, CorrelationClaim, check, $"{usable.Count} qualifying seeds (needs ≥ 2)"));
        var judged = new SeedPairs(-1, [.. usable.SelectMany(s => s.Sharpness)], [.. usable.SelectMany(s => s.Rotation)]);
        double rho = Statistics.Spearman(judged.Sharpness, judged.Rotation);
        var perSeed = usable.Select(s => Statistics.Spearman(s.Sharpness, s.Rotation)).ToList();
        string measured = $"pooled ρ = {F(rho, 3)}, Pearson r = {F(Statistics.Pearson(judged.Sharpness, judged.Rotation), 3)} "
                          + $"over {judged.Count} measurements; per seed ρ = {MeanStd([.. perSeed.Where(double.IsFinite)], 2)} "
                          + $"({string.Join(", ", usable.Zip(perSeed, (s, r) => $"seed {s.Seed}: {F(r, 2)}"))}); {usable.Count} seeds"
                          + (runs is null ? "" : Exploratory(runs.Where(r => usable.Any(s => s.Seed == r.Seed)).ToList()));
        return Finish(Claim.Judge(artifact, CorrelationClaim, check, measured, rho > MechanismRules.SpearmanThreshold));
    }

    /// <summary>The rotations that survive near-degenerate λ₁ ≈ λ₂, pooled; reported, never judged (they were added after the results).</summary>
    private static string Exploratory(IReadOnlyList<FinishedRun> runs)
    {
        var parts = new List<string>();
        foreach (var (column, name) in ExploratoryRotations)
        {
            var pairs = runs.Select(r => PairsOf(r, column)).ToList();
            if (pairs.Sum(p => p.Count) < 3) continue;
            parts.Add($"{name}: ρ = {F(Statistics.Spearman([.. pairs.SelectMany(p => p.Sharpness)], [.. pairs.SelectMany(p => p.Rotation)]), 3)}");
        }
        return parts.Count == 0 ? "" : $". Exploratory, not judged: {string.Join(", ", parts)}";
    }

    private static readonly (string Column, string Name)[] ExploratoryRotations =
    [
        (MetricColumns.SubspaceRotation, "top-k subspace rotation vs λ₁"),
        (MetricColumns.V1SubspaceRotation, "v₁ vs previous top-k subspace vs λ₁"),
    ];

    /// <summary>The (λ₁,t, 1 − rotation cosine) pairs of one run, where both were measured.</summary>
    public static SeedPairs Pairs(FinishedRun run)
    {
        var pairs = PairsOf(run, MetricColumns.RotationCosine);
        return pairs with { Rotation = [.. pairs.Rotation.Select(c => 1 - c)] };
    }

    /// <summary>The (λ₁,t, <paramref name="column"/>) pairs of one run, where both were measured; empty for a run without the column.</summary>
    public static SeedPairs PairsOf(FinishedRun run, string column)
    {
        var sharpness = Series.Rows(run, MetricColumns.Sharpness);
        var other = Series.Rows(run, column);
        var rows = Enumerable.Range(0, sharpness.Length).Where(i => double.IsFinite(sharpness[i]) && double.IsFinite(other[i])).ToArray();
        return new SeedPairs(run.Seed, [.. rows.Select(i => sharpness[i])], [.. rows.Select(i => other[i])]);
    }

    private static void DrawScatter(Plot plot, IReadOnlyList<SeedPairs> seeds, IReadOnlyList<FinishedRun> runs)
    {
        // Log scale: the rotation spans many decades (1e-6 when v₁ is frozen, ~1 when it flips); floored at 1e-6.
        for (int i = 0; i < seeds.Count; i++)
        {
            var points = plot.Add.ScatterPoints(seeds[i].Sharpness.ToArray(),
                                                seeds[i].Rotation.Select(r => Math.Log10(Math.Max(r, 1e-6))).ToArray(), FigureFile.Palette[i % 10]);
            points.MarkerSize = 4;
            points.LegendText = $"seed {seeds[i].Seed}";
        }
        foreach (double lr in runs.Select(r => r.Lr).Distinct())
            plot.Add.VerticalLine(2 / lr, 1.5f, Colors.Black, LinePattern.Dashed).LegendText = $"2/η = {G(2 / lr)}";
        plot.Title($"(a) rotation of v₁ against sharpness, every measurement\n{Scale.Of(runs)}");
        plot.XLabel("sharpness λ₁,t");
        plot.YLabel("1 − |cos(v₁(t), v₁(t−1))| (log scale)");
        FigureFile.UseLogTicks(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void DrawCoefficients(Plot plot, IReadOnlyList<SeedPairs> seeds, SeedPairs pooled, IReadOnlyList<FinishedRun> runs)
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
        for (int k = 0; k < ExploratoryRotations.Length; k++)
        {
            var (column, name) = ExploratoryRotations[k];
            var rhos = seeds.Select(s => PairsOf(runs.First(r => r.Seed == s.Seed), column)).Select(p => Statistics.Spearman(p.Sharpness, p.Rotation)).ToArray();
            var shown = Enumerable.Range(0, rhos.Length).Where(i => double.IsFinite(rhos[i])).ToArray();
            if (shown.Length == 0) continue;
            var points = plot.Add.ScatterPoints(shown.Select(i => xs[i] + 0.12 * (k + 1)).ToArray(), shown.Select(i => rhos[i]).ToArray(), FigureFile.Palette[4 + k]);
            points.MarkerSize = 9;
            points.MarkerShape = MarkerShape.OpenTriangleUp;
            points.LegendText = column == MetricColumns.SubspaceRotation
                ? $"Spearman ρ, {name} (judged pooled over seeds ≥ {MechanismRules.FirstUnseenSeed}; exploratory on earlier seeds)"
                : $"Spearman ρ, {name} (exploratory)";
        }
        plot.Add.HorizontalLine(MechanismRules.SpearmanThreshold, 1, Colors.Gray, LinePattern.Dotted).LegendText = $"claim threshold ρ = {MechanismRules.SpearmanThreshold}";
        plot.Add.HorizontalLine(0, 1, Colors.Black, LinePattern.Solid);
        plot.Axes.Bottom.SetTicks(xs, seeds.Select(s => $"seed {s.Seed}").ToArray());
        plot.Axes.SetLimits(-0.5, Math.Max(seeds.Count - 0.5, 0.5), -1.05, 1.05);
        plot.Title("(b) correlation of rotation and λ₁,t per seed and pooled");
        plot.XLabel("seed");
        plot.YLabel("correlation coefficient");
        plot.ShowLegend(Alignment.LowerRight);
    }

    private static string Table(IReadOnlyList<SeedPairs> seeds, SeedPairs pooled, IReadOnlyList<FinishedRun> runs)
    {
        var table = new MarkdownTable("seed", "measurements", "Pearson r", "Spearman ρ",
                                      "Spearman ρ, top-k subspace rotation (exploratory)", "Spearman ρ, v₁ vs previous top-k (exploratory)");
        foreach (var s in seeds.Append(pooled))
        {
            var mine = s.Seed < 0 ? runs : runs.Where(r => r.Seed == s.Seed).ToList();
            table.Add(s.Seed < 0 ? "pooled" : s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                      s.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                      F(Statistics.Pearson(s.Sharpness, s.Rotation), 3), F(Statistics.Spearman(s.Sharpness, s.Rotation), 3),
                      ExploratoryRho(mine, MetricColumns.SubspaceRotation), ExploratoryRho(mine, MetricColumns.V1SubspaceRotation));
        }
        return $"Correlation between the rotation of v₁, 1 − |cos(v₁(t), v₁(t−1))| (pre-registered), and λ₁,t at the same step; {Scale.Of(runs)}. "
               + "The subspace rotations (sine of the largest principal angle) were added after the first results and are exploratory; "
               + "empty for runs made before they were recorded.\n\n" + table;
    }

    private static string ExploratoryRho(IReadOnlyList<FinishedRun> runs, string column)
    {
        var pairs = runs.Select(r => PairsOf(r, column)).ToList();
        return pairs.Sum(p => p.Count) < 3 ? Missing
             : F(Statistics.Spearman([.. pairs.SelectMany(p => p.Sharpness)], [.. pairs.SelectMany(p => p.Rotation)]), 3);
    }
}
