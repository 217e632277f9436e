using Repro.Pipeline.Frames;
using static Repro.Pipeline.Reports.FinalValues;

namespace Repro.Pipeline.Reports;

/// <summary>
/// SGD, Adam and Clipped-Ada side by side (FigureClippedAda and Table2 read the same runs): cells per data set and
/// optimizer setting, the claim that Clipped-Ada beats Adam on test accuracy, and the table.
/// </summary>
public static class OptimizerComparison
{
    public const string ClippedAdaName = "Clipped-Ada";
    public const string AdamName = "Adam";

    public const string BeatsAdamClaim = "Restoring instabilities in Adam improves generalisation: Clipped-Ada beats Adam on test accuracy.";

    public static IReadOnlyList<OptimizerCell> Cells(IReadOnlyList<RunResult> runs) =>
        runs.GroupBy(r => (Dataset: DatasetName(r.Run.Config.Text("dataset")), Optimizer: OptimizerName(r)))
            .Select(g =>
            {
                var convergent = g.Where(r => !r.Outcome.Diverged).ToList();
                return new OptimizerCell(g.Key.Dataset, g.Key.Optimizer, g.Count(), g.Count() - convergent.Count,
                    [.. convergent.Select(r => Last(r, MetricColumns.TestAccuracy))],
                    [.. convergent.Select(r => Last(r, MetricColumns.Sharpness))]);
            })
            .OrderBy(c => c.Dataset, StringComparer.Ordinal).ThenBy(c => Order(c.Optimizer)).ToList();

    /// <summary>
    /// Fixed before the runs: on every data set, the best Clipped-Ada bound c (by mean test accuracy over seeds) has a
    /// strictly higher mean test accuracy than Adam. Picking the best c mirrors the paper's sweep over c; no margin is
    /// required because the claim is directional, and the measured line says how many seeds the means are over
    /// (with one seed it is a single comparison, not evidence of a reliable gap).
    /// </summary>
    public static Claim BeatsAdam(string artifact, IReadOnlyList<OptimizerCell> cells)
    {
        string check = "per data set, mean test accuracy of the best Clipped-Ada c > that of Adam (means over seeds, convergent runs)";
        var measured = new List<string>();
        bool holds = true;
        int compared = 0;
        foreach (var dataset in cells.GroupBy(c => c.Dataset))
        {
            var adam = dataset.FirstOrDefault(c => c.Optimizer == AdamName && double.IsFinite(c.TestAccuracy));
            var best = dataset.Where(c => c.IsClippedAda && double.IsFinite(c.TestAccuracy)).MaxBy(c => c.TestAccuracy);
            if (adam is null || best is null) continue;
            compared++;
            holds &= best.TestAccuracy > adam.TestAccuracy;
            int seeds = Math.Min(adam.TestAccuracyBySeed.Count, best.TestAccuracyBySeed.Count);
            measured.Add($"{dataset.Key}: {best.Optimizer} {F(100 * best.TestAccuracy, 1)}% vs Adam {F(100 * adam.TestAccuracy, 1)}% "
                         + (seeds == 1 ? "(1 seed: a single comparison)" : $"({seeds} seeds)"));
        }
        return compared == 0
            ? new Claim(artifact, BeatsAdamClaim, check, "no data set with both Adam and Clipped-Ada runs", ClaimVerdict.NotRun)
            : Claim.Judge(artifact, BeatsAdamClaim, check, string.Join("; ", measured), holds);
    }

    public static string Table(IReadOnlyList<OptimizerCell> cells)
    {
        var table = new MarkdownTable("data set", "optimizer", "test accuracy (%)", "final sharpness λ₁", "diverged / runs");
        foreach (var c in cells)
            table.Add(c.Dataset, c.Optimizer, MeanStd([.. c.TestAccuracyBySeed.Select(a => 100 * a)], 1), MeanStd(c.SharpnessBySeed, 2),
                      $"{c.Diverged} / {c.Seeds}");
        return "SGD, Adam and Clipped-Ada (update −η·m̂/(min(√v̂, c) + ε)): final test accuracy and final sharpness, mean ± std over seeds.\n\n" + table;
    }

    public static string DatasetName(string dataset) => dataset switch
    {
        "fashion-mnist" => "Fashion-MNIST",
        "cifar10" => "CIFAR-10 (JPEG-decoded subset)",
        _ => dataset,
    };

    public static string OptimizerName(RunResult run)
    {
        var config = run.Run.Config;
        string lr = $"η = {G(config.Number("lr"))}";
        return config.Text("optimizer") switch
        {
            "adam" => AdamName,
            "clipped-ada" => $"{ClippedAdaName} c = {G(config.Number("clip_bound"))}" + (config.Text("clip_side") == "lower" ? " (lower)" : ""),
            "sgd" => $"SGD ({lr})",
            "rms-prop" => $"RMSprop ({lr})",
            var other => other,
        };
    }

    private static int Order(string optimizer) =>
        optimizer.StartsWith("SGD", StringComparison.Ordinal) ? 0 : optimizer == AdamName ? 1 : optimizer.StartsWith(ClippedAdaName, StringComparison.Ordinal) ? 2 : 3;
}
