namespace Repro.Pipeline.Reports;

/// <summary>The renderers an experiment file may name in its <c>render:</c> field.</summary>
public static class ArtifactRenderers
{
    public static readonly IReadOnlyList<IArtifactRenderer> All = [new Figure1Renderer(), new Figure1bRenderer(), new Figure3Renderer(), new Table1Renderer()];

    public static IArtifactRenderer? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
