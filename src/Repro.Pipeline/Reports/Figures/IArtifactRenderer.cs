using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>Draws one artifact from its finished runs: the figure and table files it wrote, and the paper's claims it checks.</summary>
public interface IArtifactRenderer
{
    string Name { get; }

    /// <summary>The claims this renderer checks, stated without data, for CLAIMS.md to list as NOT RUN before it has run.</summary>
    IReadOnlyList<string> ClaimStatements { get; }

    /// <summary>Run groups the experiment file must declare for this renderer, checked at load (not after training).</summary>
    IReadOnlyList<string> RequiredGroups => [];

    /// <summary>
    /// Curvature measures (<c>curvature_measures</c> words) every run of the artifact that measures curvature must take,
    /// because this renderer reads their columns; checked at load, so a missing column never surfaces after training.
    /// </summary>
    IReadOnlyList<string> RequiredMeasures => ["lambda1"];

    Rendering Render(ExperimentSpec spec, IReadOnlyList<FinishedRun> runs, ResultsFolder results);
}
