using System.Globalization;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Stats;
using Repro.Pipeline.Specs;
using static Repro.Pipeline.Reports.Format;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>
/// Table 1: final test accuracy (mean ± std) per architecture and learning-rate regime (<see cref="StabilityRegime"/>),
/// then per η with its regime, λ₁(θ₀) and final λ₁. No figure and no claim of its own: Figure1b checks the claim on the same runs.
/// </summary>
public sealed class Table1Renderer : IArtifactRenderer
{
    public string Name => "table1";

    public IReadOnlyList<string> ClaimStatements => [];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> runs, ResultsFolder results)
    {
        if (runs.Count == 0) throw new SpecException(spec.SourceFile, 1, "the table1 renderer needs at least one run");
        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, Tables(runs));
        return new Rendering([], [results.Relative(table)], []);
    }

    public static string Tables(IReadOnlyList<FinishedRun> runs)
    {
        var byRegime = new MarkdownTable("architecture", "regime", "η", "runs", "final test accuracy (mean ± std)");
        var byLr = new MarkdownTable("architecture", "η", "2/η", "λ₁(θ₀)", "regime (per seed)", "final λ₁ (mean)", "final test accuracy (mean ± std)", "diverged");
        foreach (var group in Series.ByGroup(runs))
        {
            string setup = $"{DisplayNames.Setup(group.First().Config)} ({Scale.Of([.. group])})";
            foreach (var regime in Enum.GetValues<StabilityRegime>())
            {
                var members = group.Where(r => StabilityRegimes.Of(r) == regime).ToList();
                if (members.Count == 0) continue;
                byRegime.Add(setup, StabilityRegimes.Describe(regime), string.Join(", ", members.Select(r => r.Lr).Distinct().Order().Select(x => G(x))),
                             members.Count.ToString(CultureInfo.InvariantCulture),
                             regime == StabilityRegime.Divergent ? "— (diverged)" : Accuracy(members));
            }
            foreach (var lr in group.GroupBy(r => r.Lr).OrderBy(g => g.Key))
            {
                var finals = lr.Select(r => Series.Final(r, MetricColumns.Sharpness, IfDiverged.NaN)).Where(double.IsFinite).ToList();
                byLr.Add(setup, G(lr.Key), G(2 / lr.Key), G(Statistics.Median([.. lr.Select(r => Series.First(r, MetricColumns.Sharpness)).Where(double.IsFinite)])),
                         string.Join(", ", lr.Select(r => StabilityRegimes.Of(r) is { } g ? Short(g) : "not measured")),
                         finals.Count > 0 ? G(finals.Average()) : "—",
                         lr.All(r => r.Outcome.Diverged) ? "— (diverged)" : Accuracy(lr.ToList()),
                         $"{lr.Count(r => r.Outcome.Diverged)} of {lr.Count()}");
            }
        }
        return "Full-batch GD; final test accuracy is the last measurement of each convergent run. Regimes per run: "
               + "stable (η ≤ 2/λ₁(θ₀), λ₁ < 0.9·2/η throughout), edge of stability (λ₁ reached 0.9·2/η or more and its median over the last third is within 15% of 2/η), "
               + "unsettled (λ₁ reached 0.9·2/η but its median over the last third is not within 15% of 2/η), "
               + "beyond the edge (η > 2/λ₁(θ₀)), divergent.\n\n"
               + "## By regime\n\n" + byRegime + "\n## By learning rate\n\n" + byLr;
    }

    private static string Accuracy(IReadOnlyList<FinishedRun> runs)
    {
        var accuracies = runs.Select(r => Series.Final(r, MetricColumns.TestAccuracy, IfDiverged.NaN)).Where(double.IsFinite).ToList();
        if (accuracies.Count == 0) return "—";
        var (mean, std) = Statistics.MeanStd(accuracies);
        return $"{Percent(mean)} ± {F(100 * std, 1)} (n = {accuracies.Count})";
    }

    private static string Short(StabilityRegime regime) => regime switch
    {
        StabilityRegime.Stable => "stable",
        StabilityRegime.EdgeOfStability => "edge",
        StabilityRegime.Unsettled => "unsettled",
        StabilityRegime.BeyondEdge => "beyond",
        _ => "divergent",
    };
}
