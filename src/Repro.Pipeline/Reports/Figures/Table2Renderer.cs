using Repro.Pipeline.Reports.Claims;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>Table 2: the optimizer comparison as a table (the claim is checked once, by FigureClippedAda, on the same runs).</summary>
public sealed class Table2Renderer : IArtifactRenderer
{
    public string Name => "table2";

    public IReadOnlyList<string> ClaimStatements => [];

    public Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> runs, ResultsFolder results)
    {
        string table = results.Table(spec.Artifact);
        File.WriteAllText(table, OptimizerComparison.Table(OptimizerComparison.Cells(runs), Scale.PerGroup(runs)));
        return new Rendering([], [results.Relative(table)], []);
    }
}
