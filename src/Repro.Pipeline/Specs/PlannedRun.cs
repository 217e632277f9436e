namespace Repro.Pipeline.Specs;

/// <summary>
/// One run an artifact needs at a profile. <see cref="Identity"/> names its place (the file's run set, group, index),
/// not its settings. <see cref="Lines"/>: the line of the experiment file each field's value came from.
/// </summary>
public sealed record PlannedRun(string Artifact, string Group, int Index, string Label, RunConfig Config)
{
    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>();

    /// <summary>The run this one continues from its final parameters (a <c>continue_from</c> group), or null.</summary>
    public PlannedRun? Parent { get; init; }

    public string Identity => $"{Artifact}/{Group}/{Index}";
    public string DisplayName => $"{Artifact}/{Group}[{Label}]";
}
