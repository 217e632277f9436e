namespace Repro.Pipeline.Reports;

/// <summary>What the gallery says of a rendered artifact: its profile, how many runs, when they were made.</summary>
public sealed record RenderRecord(
    string Artifact,
    string Profile,
    int RunCount,
    DateTimeOffset NewestRunUtc,
    IReadOnlyList<string> Figures,
    IReadOnlyList<string> Tables);
