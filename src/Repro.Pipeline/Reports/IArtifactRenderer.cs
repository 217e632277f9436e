using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports;

/// <summary>Draws one artifact from its finished runs. Returns the figure and table files it wrote.</summary>
public interface IArtifactRenderer
{
    string Name { get; }
    (IReadOnlyList<string> Figures, IReadOnlyList<string> Tables) Render(ExperimentSpec spec, IReadOnlyList<RunResult> runs, ResultsFolder results);
}
