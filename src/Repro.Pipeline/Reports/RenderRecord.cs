using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Pipeline.Reports;

/// <summary>
/// What the gallery says of a rendered artifact: its profile(s), how many runs, when they were made, and the scale each run
/// group stands on (<see cref="Scale"/>; empty in records written before it existed).
/// </summary>
public sealed record RenderRecord(
    string Artifact,
    string Profile,
    int RunCount,
    DateTimeOffset NewestRunUtc,
    IReadOnlyList<string> Figures,
    IReadOnlyList<string> Tables,
    IReadOnlyList<Claim> Claims)
{
    public string Scale { get; init; } = "";

    /// <summary>What it was drawn from (<see cref="RenderInputs"/>); empty in records written before it existed.</summary>
    public string Inputs { get; init; } = "";

    /// <summary>True when this render was skipped: its inputs equal the last one's and every file it wrote is there.</summary>
    [JsonIgnore]
    public bool UpToDate { get; init; }

    /// <summary>Whether every figure and table this record names is in the results folder.</summary>
    public bool OutputsExist(ResultsFolder results) => Figures.Concat(Tables).All(f => File.Exists(Path.Combine(results.Root, f)));

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    public void Save(ResultsFolder results) => File.WriteAllBytes(results.Record(Artifact), JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>The record of the artifact's last render, or null when it was never rendered.</summary>
    public static RenderRecord? Load(ResultsFolder results, string artifact)
    {
        string path = results.Record(artifact);
        return File.Exists(path) ? JsonSerializer.Deserialize<RenderRecord>(File.ReadAllBytes(path), Json) : null;
    }
}
