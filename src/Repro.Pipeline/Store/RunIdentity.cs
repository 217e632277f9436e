namespace Repro.Pipeline.Store;

/// <summary>
/// Which run an entry was made for, by its place in the experiments and not by its settings: the artifact, the run
/// group, the profile and the sweep point (the swept fields' values, e.g. <c>lr=0.011</c>). An entry under an older
/// key with the same identity is what a changed run is stale against.
/// </summary>
public sealed record RunIdentity(string Artifact, string Group, string Profile, string Point)
{
    public override string ToString() => $"{Artifact}/{Group}/{Profile}/{Point}";
}
