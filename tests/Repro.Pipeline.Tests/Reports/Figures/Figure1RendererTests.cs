using Repro.Core;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class Figure1RendererTests
{
    public const string Groups = """
          gd:
            base: {model: mlp, optimizer: gd, steps: 300}
            sweep: {lr: [0.1, 0.2]}
        """;

    private static readonly IReadOnlyList<PlannedRun> Planned = SyntheticRuns.Plan("Figure1", "figure1", Groups);

    // η = 0.1 → 2/η = 20, η = 0.2 → 2/η = 10: sharpening at one unit per 10 steps from 5, then flat at `settle`·2/η.
    private static FinishedRun Sharpening(int index, double settle) =>
        SyntheticRuns.Run(Planned[index], 300, 10, s =>
        {
            double edge = 2 / Planned[index].Config.Number("lr");
            return s < 100 ? 5 + (edge - 5) * s / 90.0 : settle * edge + (s % 20 == 0 ? 0.03 : -0.03) * edge;
        });

    // Sharpening to `settle`·2/η by step 100, then flat: λ₁/(2/η) = settle over the last third.
    public static FinishedRun Settled(int index, double settle) =>
        SyntheticRuns.Run(Planned[index], 300, 10, s =>
        {
            double edge = 2 / Planned[index].Config.Number("lr");
            return s < 100 ? 5 + (settle * edge - 5) * s / 100.0 : settle * edge;
        });

    [Fact]
    public void SettlingMarginIsTheRelativeChangeOfLambdaOneThatLeavesTheBand()
    {
        // λ₁ = 1.05·(2/η): it leaves the ±15 % band when λ₁ grows by (1.15 − 1.05)/1.05 = 9.5 %, inside GD's 21 % drift.
        var claim = Figure1Renderer.Settling("Figure1", [Settled(0, 1.05), Settled(1, 1.0)]);
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Equal(0.10 / 1.05, claim.Drift!.Margin, 9);
        Assert.True(claim.Drift.Inside);
    }

    [Fact]
    public void FallingMarginIsTheSmallestRelativeDrop()
    {
        // Final λ₁ 19.6 (η = 0.1) and 9.8 (η = 0.2): a 50 % drop, outside the 21 % drift.
        var claim = Figure1Renderer.Falling("Figure1", [Settled(0, 0.98), Settled(1, 0.98)]);
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Equal(0.5, claim.Drift!.Margin, 9);
        Assert.False(claim.Drift.Inside);
    }

    [Fact]
    public void SettlingPassesWhenSharpnessHoversAtTwoOverEta()
    {
        var claim = Figure1Renderer.Settling("Figure1", [Sharpening(0, 1.0), Sharpening(1, 1.05)]);
        Assert.Equal(ClaimVerdict.Pass, claim.Verdict);
        Assert.Contains("η=0.1 seed 0", claim.Measured);
    }

    [Fact]
    public void SettlingFailsWhenSharpnessFallsFarBelowTwoOverEta()
    {
        var claim = Figure1Renderer.Settling("Figure1", [Sharpening(0, 1.0), Sharpening(1, 0.7)]);
        Assert.Equal(ClaimVerdict.Fail, claim.Verdict);
    }

    [Fact]
    public void SettlingIsInconclusiveWhenNoRunReachesTheEdge()
    {
        var claim = Figure1Renderer.Settling("Figure1", [SyntheticRuns.Run(Planned[0], 300, 10, _ => 3)]);
        Assert.Equal(ClaimVerdict.Inconclusive, claim.Verdict);
        Assert.Contains("gd[lr=0.1]: λ₁ never reached 2/η", Assert.Single(claim.Excluded));
    }

    [Fact]
    public void DivergedRunsAreNotJudged()
    {
        var diverged = SyntheticRuns.Run(Planned[1], 300, 10, _ => 50, outcome: TrainingOutcome.DivergedAt(300));
        Assert.Equal(ClaimVerdict.Pass, Figure1Renderer.Settling("Figure1", [Sharpening(0, 1.0), diverged]).Verdict);
    }

    [Fact]
    public void FinalSharpnessMustFallWithEta()
    {
        Assert.Equal(ClaimVerdict.Pass, Figure1Renderer.Falling("Figure1", [Sharpening(0, 1.0), Sharpening(1, 1.0)]).Verdict);
        var rising = SyntheticRuns.Run(Planned[1], 300, 10, _ => 25);
        Assert.Equal(ClaimVerdict.Fail, Figure1Renderer.Falling("Figure1", [Sharpening(0, 1.0), rising]).Verdict);
        Assert.Equal(ClaimVerdict.Inconclusive, Figure1Renderer.Falling("Figure1", [Sharpening(0, 1.0)]).Verdict);
    }

    [Fact]
    public void RenderWritesTheFigureTheTableAndEveryClaim()
    {
        using var temporary = new SyntheticRuns.TempResults();
        var results = temporary.Folder;
        var spec = ExperimentReader.Read("artifact: Figure1\ndescription: d\nrender: figure1\nruns: {gd: {base: {model: mlp, optimizer: gd, steps: 1, lr: 0.1}}}\nprofiles: {quick: {}}", "f.yaml");
        var rendering = new Figure1Renderer().Render(spec, [Sharpening(0, 1.0), Sharpening(1, 1.0)], results);
        Assert.Equal(["figures/figure1.png", "figures/figure1.svg"], rendering.Figures);
        Assert.All(rendering.Figures.Concat(rendering.Tables), f => Assert.True(new FileInfo(Path.Combine(results.Root, f)).Length > 0));
        Assert.Contains("| 0.2 | 0 | 10 |", File.ReadAllText(Path.Combine(results.Root, rendering.Tables[0])));
        Assert.Equal(new Figure1Renderer().ClaimStatements, rendering.Claims.Select(c => c.Statement));
    }

    [Fact]
    public void RenderDrawsTheOscillationPanelsWhenTheRunsRecordedThem()
    {
        using var temporary = new SyntheticRuns.TempResults();
        var spec = ExperimentReader.Read("artifact: Figure1\ndescription: d\nrender: figure1\nruns: {gd: {base: {model: mlp, optimizer: gd, steps: 1, lr: 0.1}}}\nprofiles: {quick: {}}", "f.yaml");
        var runs = new[] { Sharpening(0, 1.0), Sharpening(1, 1.0) }.Select(r =>
        {
            int rows = (int)r.Metrics.Rows.Count;
            r.Metrics.Columns.Add(new Microsoft.Data.Analysis.DoubleDataFrameColumn(Repro.Pipeline.Metrics.MetricColumns.StepNorm, Enumerable.Range(0, rows).Select(i => 0.1 + 0.01 * i)));
            r.Metrics.Columns.Add(new Microsoft.Data.Analysis.DoubleDataFrameColumn(Repro.Pipeline.Metrics.MetricColumns.StepAlongV1, Enumerable.Range(0, rows).Select(i => 0.05 + 0.01 * i)));
            r.Metrics.Columns.Add(new Microsoft.Data.Analysis.DoubleDataFrameColumn(Repro.Pipeline.Metrics.MetricColumns.PeriodTwoNorm, Enumerable.Range(0, rows).Select(i => i < 10 ? 0.2 : 0.01)));
            return r;
        }).ToList();
        var rendering = new Figure1Renderer().Render(spec, runs, temporary.Folder);
        Assert.All(rendering.Figures, f => Assert.True(temporary.Wrote(f), f));
        Assert.Contains("(d) parameter oscillation", File.ReadAllText(Path.Combine(temporary.Folder.Root, rendering.Figures[1])));
        Assert.DoesNotContain("not recorded in these runs", File.ReadAllText(Path.Combine(temporary.Folder.Root, rendering.Figures[1])));
    }

    [Fact]
    public void TheFigureShowsEverySeedAndWhatTheMechanismChecksJudged()
    {
        using var temporary = new SyntheticRuns.TempResults();
        const string groups = """
              gd:
                base: {model: mlp, optimizer: gd, steps: 300}
                sweep: {lr: [0.1, 0.2], seed: [0, 1]}
            """;
        var planned = SyntheticRuns.Plan("Figure1", "figure1", groups);
        var runs = planned.Select(p => SyntheticRuns.Run(p, 300, 10, s => s < 100 ? 5 + s / 10.0 : 2 / p.Config.Lr)).ToList();
        var rendering = new Figure1Renderer().Render(SyntheticRuns.Spec(SyntheticRuns.Yaml("Figure1", "figure1", groups)), runs, temporary.Folder);
        string svg = File.ReadAllText(Path.Combine(temporary.Folder.Root, rendering.Figures[1]));
        Assert.Contains("lines: median over 2 seeds, bands: their min–max", svg);
        Assert.Contains("θ* = each run", svg);
        Assert.Contains("no cool-down runs among these runs", svg);
        Assert.Contains("cool-down check: INCONCLUSIVE", svg);
    }
}
