using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Stats;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Claims;

/// <summary>
/// SGD, Adam and Clipped-Ada side by side (FigureClippedAda and Table2 read the same runs): cells per data set and
/// optimizer setting, the claim that Clipped-Ada beats Adam on test accuracy, and the table.
/// </summary>
public static class OptimizerComparison
{
    public const string BeatsAdamClaim = "Restoring instabilities in Adam improves generalisation: Clipped-Ada beats Adam on test accuracy.";

    /// <summary>Run groups whose name contains this are an exploratory sweep (e.g. c values where the clip binds), never judged.</summary>
    public const string ExploratoryMarker = "exploratory";

    public static bool IsExploratory(FinishedRun run) => run.Run.Group.Contains(ExploratoryMarker, StringComparison.Ordinal);

    public static IReadOnlyList<OptimizerCell> Cells(IReadOnlyList<FinishedRun> runs) =>
        runs.GroupBy(r => (Dataset: DisplayNames.Dataset(r.Config.Dataset), Optimizer: DisplayNames.Optimizer(r.Config), Exploratory: IsExploratory(r)))
            .Select(g =>
            {
                var convergent = g.Where(r => !r.Outcome.Diverged).ToList();
                return new OptimizerCell(g.Key.Dataset, g.Key.Optimizer, g.Count(), g.Count() - convergent.Count,
                    [.. convergent.Select(r => Series.Final(r, MetricColumns.TestAccuracy, IfDiverged.NaN))],
                    [.. convergent.Select(r => Series.Final(r, MetricColumns.Sharpness, IfDiverged.NaN))],
                    g.Key.Exploratory, [.. convergent.Select(MeanClipFraction)]);
            })
            .OrderBy(c => c.Dataset, StringComparer.Ordinal).ThenBy(c => c.Exploratory).ThenBy(c => Order(c.Optimizer)).ToList();

    /// <summary>The clip fraction averaged over the run's recorded steps; NaN when it was not recorded.</summary>
    public static double MeanClipFraction(FinishedRun run) => Statistics.Mean(Series.Measured(run, MetricColumns.ClipFraction).Values);

    /// <summary>
    /// Fixed before the runs: on every data set, the best Clipped-Ada bound c (by mean test accuracy over seeds) has a
    /// strictly higher mean test accuracy than Adam. Picking the best c mirrors the paper's sweep over c; no margin is
    /// required because the claim is directional. Preconditions (new, written after seeing results): runs did not diverge;
    /// a Clipped-Ada run whose clip never binds is Adam step for step and is excluded (the paper's c = 1 and c = 10 on
    /// these nets); only the pre-registered groups are judged; a data set is judged with ≥ 2 seeds that both Adam and the
    /// best c have, so that the gap can be set against its paired seed-to-seed spread. FAIL if a judged data set fails,
    /// PASS if every data set is judged and passes, INCONCLUSIVE otherwise.
    /// </summary>
    public static Claim BeatsAdam(string artifact, IReadOnlyList<FinishedRun> runs)
    {
        string check = "per data set, mean test accuracy of the best Clipped-Ada c > that of Adam (means over seeds, convergent runs)";
        var screening = Screening.Of(runs.Where(r => !IsExploratory(r) && r.Config.Optimizer is Core.Optimizers.OptimizerKind.Adam or Core.Optimizers.OptimizerKind.ClippedAda),
                                     [RunRequirement.NotDiverged, RunRequirement.ClipBinds], "per data set ≥ 2 seeds shared by Adam and the best c");
        var qualifying = screening.Qualifying;
        var cells = Cells(qualifying);
        var measured = new List<string>();
        var margins = new List<double>();
        bool fails = false, inconclusive = false;
        foreach (var dataset in cells.GroupBy(c => c.Dataset))
        {
            var adam = dataset.FirstOrDefault(c => c.Optimizer == DisplayNames.Adam && double.IsFinite(c.TestAccuracy));
            var best = dataset.Where(c => c.IsClippedAda && double.IsFinite(c.TestAccuracy)).MaxBy(c => c.TestAccuracy);
            if (adam is null || best is null)
            {
                inconclusive = true;
                measured.Add($"{dataset.Key}: INCONCLUSIVE, " + (adam is null ? "no qualifying Adam run" : "no qualifying Clipped-Ada run (every c excluded)"));
                continue;
            }
            var mine = qualifying.Where(r => DisplayNames.Dataset(r.Config.Dataset) == dataset.Key).ToList();
            var paired = SeedPairing.Compare(mine.Where(r => DisplayNames.Optimizer(r.Config) == adam.Optimizer),
                                             mine.Where(r => DisplayNames.Optimizer(r.Config) == best.Optimizer),
                                             r => Series.Final(r, MetricColumns.TestAccuracy, IfDiverged.NaN));
            int testImages = mine[0].Config.TestSize;
            string line = $"{dataset.Key}: {best.Optimizer} {F(100 * best.TestAccuracy, 1)}% vs Adam {F(100 * adam.TestAccuracy, 1)}% "
                          + (paired.Pairs >= 2 ? $"({paired.Pairs} seeds), {Paired(paired, 1, 100)} pp" : $"({paired.Pairs} seed)")
                          + $"; one run's binomial SE on {Count(testImages)} test images "
                          + $"± {F(100 * Statistics.BinomialStandardError(adam.TestAccuracy, testImages), 1)} pp"
                          + (double.IsFinite(best.ClipFraction) ? $"; the clip binds on {Percent(best.ClipFraction)} of coordinates" : "");
            if (paired.Pairs < 2)
            {
                inconclusive = true;
                measured.Add($"INCONCLUSIVE, {line} (needs ≥ 2 seeds)");
                continue;
            }
            fails |= !(best.TestAccuracy > adam.TestAccuracy);
            margins.Add((best.TestAccuracy - adam.TestAccuracy) / Math.Max(best.TestAccuracy, adam.TestAccuracy));
            measured.Add(line);
        }
        if (measured.Count == 0)
            return Claim.Inconclusive(artifact, BeatsAdamClaim, check, "no data set with qualifying Adam and Clipped-Ada runs").On(screening);
        string text = string.Join("; ", measured);
        var claim = fails ? Claim.Judge(artifact, BeatsAdamClaim, check, text, holds: false)
                  : inconclusive ? Claim.Inconclusive(artifact, BeatsAdamClaim, check, text)
                  : Claim.Judge(artifact, BeatsAdamClaim, check, text, holds: true);
        return claim.On(screening)
                    .Against(margins.Count == 0 ? null : DriftCheck.Of(margins, KernelDrift.TestAccuracy));
    }

    public static string Table(IReadOnlyList<OptimizerCell> cells, string scale)
    {
        var table = new MarkdownTable("data set", "optimizer", "test accuracy (%)", "final sharpness λ₁", "clip binds (mean fraction of coordinates)",
                                      "diverged / runs");
        foreach (var c in cells)
            table.Add(c.Dataset, c.Label, MeanStd([.. c.TestAccuracyBySeed.Select(a => 100 * a)], 1), MeanStd(c.SharpnessBySeed, 2),
                      c.IsClippedAda ? (double.IsFinite(c.ClipFraction) ? Percent(c.ClipFraction) : "not recorded") : Missing,
                      $"{c.Diverged} / {c.Seeds}");
        return $"SGD, Adam and Clipped-Ada (update −η·m̂/(min(√v̂, c) + ε)), {scale}: final test accuracy and final sharpness, mean ± std "
               + "over seeds, and how often the clip binds. Rows marked exploratory are a sweep of c added after the first results, "
               + "where the clip binds on these nets; they are not part of the pre-registered comparison.\n\n" + table;
    }

    private static int Order(string optimizer) =>
        optimizer.StartsWith("SGD", StringComparison.Ordinal) ? 0 : optimizer == DisplayNames.Adam ? 1
        : optimizer.StartsWith(DisplayNames.ClippedAda, StringComparison.Ordinal) ? 2 : 3;
}
