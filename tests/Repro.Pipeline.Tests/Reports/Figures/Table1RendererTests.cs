using Repro.Core;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Reports.Stats;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Reports.Figures;

public class Table1RendererTests
{
    private static readonly IReadOnlyList<PlannedRun> Planned = SyntheticRuns.Plan("Table1", "table1", """
          mlp:
            base: {model: mlp, optimizer: gd, steps: 100}
            sweep: {lr: [0.01, 0.1, 1.0, 10.0]}
        """);

    // η = 0.01 stays below 2/η = 200; η = 0.1 sharpens from 1.5 to 2/η = 20; η = 1 starts at 2.5, beyond 2/η = 2; η = 10 diverges.
    private static List<FinishedRun> Runs() =>
    [
        SyntheticRuns.Run(Planned[0], 100, 10, s => 1.5 + s / 100.0, 0.70),
        SyntheticRuns.Run(Planned[1], 100, 10, s => 1.5 + 18.5 * s / 100.0, 0.80),
        SyntheticRuns.Run(Planned[2], 100, 10, _ => 2.5, 0.82),
        SyntheticRuns.Run(Planned[3], 100, 10, _ => 1.5, double.NaN, TrainingOutcome.DivergedAt(5)),
    ];

    [Fact]
    public void EachRunFallsInTheRegimeItsCurvatureShows()
    {
        var runs = Runs();
        Assert.Equal(StabilityRegime.Stable, StabilityRegimes.Of(runs[0]));
        Assert.Equal(StabilityRegime.EdgeOfStability, StabilityRegimes.Of(runs[1]));
        Assert.Equal(StabilityRegime.Stable, StabilityRegimes.Of(SyntheticRuns.Run(Planned[1], 100, 10, _ => 17.9)));   // below 0.9 · 20
        Assert.Equal(StabilityRegime.BeyondEdge, StabilityRegimes.Of(runs[2]));
        Assert.Equal(StabilityRegime.Divergent, StabilityRegimes.Of(runs[3]));
    }

    [Fact]
    public void UnstableYetConvergentMeansReachedOrStartedAboveTheEdgeSettledOrNot()
    {
        // Figure 1b's Goldilocks band and its unstable-best check share this one definition (they once differed on Unsettled).
        Assert.Equal([StabilityRegime.EdgeOfStability, StabilityRegime.Unsettled, StabilityRegime.BeyondEdge],
                     Enum.GetValues<StabilityRegime>().Where(r => StabilityRegimes.IsUnstableConvergent(r)));
        Assert.False(StabilityRegimes.IsUnstableConvergent(null));
    }

    [Fact]
    public void ARunWhoseSharpnessRoseFarAboveTwoOverEtaIsNotAtTheEdgeOfStability()
    {
        // η = 0.1: λ₁ reaches 2/η = 20 by step 20, then climbs to 3·2/η = 60 and stays there: it never settled at the edge.
        var climbing = SyntheticRuns.Run(Planned[1], 100, 10, s => s <= 20 ? 1.5 + 18.5 * s / 20.0 : 60);
        Assert.Equal(StabilityRegime.Unsettled, StabilityRegimes.Of(climbing));
        Assert.Contains("| 0.1 | 20 | 1.5 | unsettled |", Table1Renderer.Tables([climbing]));
        // Hovering within the settling tolerance of 2/η after reaching it is the edge of stability.
        var settled = SyntheticRuns.Run(Planned[1], 100, 10, s => s <= 20 ? 1.5 + 18.5 * s / 20.0 : (s % 20 == 0 ? 21 : 19));
        Assert.Equal(StabilityRegime.EdgeOfStability, StabilityRegimes.Of(settled));
    }

    [Fact]
    public void TablesListEveryRegimeWithItsAccuracy()
    {
        string text = Table1Renderer.Tables(Runs());
        Assert.Contains("| stable (λ₁ < 2/η throughout) | 0.01 | 1 | 70.0% ± 0.0 (n = 1) |", text);
        Assert.Contains("| beyond the edge (η > 2/λ₁(θ₀)), convergent | 1 | 1 | 82.0% ± 0.0 (n = 1) |", text);
        Assert.Contains("| edge of stability (λ₁ reached 2/η and settled within 15% of it) | 0.1 | 1 | 80.0% ± 0.0 (n = 1) |", text);
        Assert.Contains("| divergent | 10 | 1 | — (diverged) |", text);
        Assert.Contains("1 of 1", text);
    }

    [Fact]
    public void RenderWritesTheTable()
    {
        using var temporary = new SyntheticRuns.TempResults();
        var results = temporary.Folder;
        var spec = ExperimentReader.Read("artifact: Table1\ndescription: d\nrender: table1\nruns: {mlp: {base: {model: mlp, optimizer: gd, steps: 1, lr: 0.1}}}\nprofiles: {quick: {}}", "f.yaml");
        var rendering = new Table1Renderer().Render(spec, Runs(), results);
        Assert.Equal(["tables/table1.md"], rendering.Tables);
        Assert.Empty(rendering.Claims);
    }
}
