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
    public static RenderRecord? Load(ResultsFolder results, string artifact) => Load(results, artifact, out _);

    /// <summary>
    /// As <see cref="Load(ResultsFolder, string)"/>; a record that cannot be used (records are committed, so a merge
    /// conflict or a hand edit can damage one) is null too, with <paramref name="damage"/> naming file, line and reason.
    /// Such an artifact counts as not rendered: its next render draws it and writes a good record. A record may only
    /// name files under <c>figures/</c> and <c>tables/</c> (the gallery copies the tables into itself).
    /// </summary>
    public static RenderRecord? Load(ResultsFolder results, string artifact, out string? damage)
    {
        damage = null;
        string path = results.Record(artifact);
        if (!File.Exists(path)) return null;
        RenderRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<RenderRecord>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            damage = $"{path}:{(e.LineNumber ?? 0) + 1}: not a render record ({e.Message.Split(" Path: ")[0]})";
            return null;
        }
        string? problem = record is null || record.Figures is null || record.Tables is null || record.Claims is null || record.Claims.Contains(null!)
                || record.Artifact is null || record.Profile is null || record.Scale is null || record.Inputs is null
            ? "a member is missing or null"
            : record.Artifact != artifact ? $"it is the record of '{record.Artifact}'"
            : record.Figures.Concat(record.Tables).FirstOrDefault(f => !IsOutputPath(f)) is { } outside ? $"'{outside}' is not a file under figures/ or tables/"
            : null;
        if (problem is null) return record;
        damage = $"{path}:1: not a render record ({problem})";
        return null;
    }

    private static bool IsOutputPath(string? file) =>
        file is not null && (file.StartsWith("figures/", StringComparison.Ordinal) || file.StartsWith("tables/", StringComparison.Ordinal))
        && !file.Split('/').Contains("..") && !file.Contains('\\') && !file.Any(char.IsControl);
}
