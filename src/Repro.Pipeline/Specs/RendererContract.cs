namespace Repro.Pipeline.Specs;

/// <summary>What a renderer needs of the experiment file that names it: run groups, and the curvature measures its runs take.</summary>
public sealed record RendererContract(IReadOnlyList<string> Groups, IReadOnlyList<string> Measures)
{
    public static readonly RendererContract None = new([], []);
}
