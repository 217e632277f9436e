using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Reports.Figures;

/// <summary>The renderers an experiment file may name in its <c>render:</c> field.</summary>
public static class ArtifactRenderers
{
    public static readonly IReadOnlyList<IArtifactRenderer> All =
    [
        new Figure1Renderer(), new Figure1bRenderer(), new Figure2Renderer(), new Figure3Renderer(),
        new FigureRotationCorrelationRenderer(), new FigureSgdRenderer(), new FigureClippedAdaRenderer(), new FigureClippedAdaStudyRenderer(),
        new Table1Renderer(), new Table2Renderer(),
    ];

    public static IArtifactRenderer? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>Each renderer's name, the run groups and curvature measures it needs: what experiment files are checked against at load.</summary>
    public static IReadOnlyDictionary<string, RendererContract> Contracts =>
        All.ToDictionary(r => r.Name, r => new RendererContract(r.RequiredGroups, r.RequiredMeasures));
}
