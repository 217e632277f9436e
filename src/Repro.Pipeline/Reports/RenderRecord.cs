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
