namespace Repro.Pipeline.Specs;

/// <summary>One run an artifact needs at a profile. <see cref="Identity"/> names its place, not its settings.</summary>
public sealed record PlannedRun(string Artifact, string Group, int Index, string Label, RunConfig Config)
{
    public string Identity => $"{Artifact}/{Group}/{Index}";
    public string DisplayName => $"{Artifact}/{Group}[{Label}]";
}
