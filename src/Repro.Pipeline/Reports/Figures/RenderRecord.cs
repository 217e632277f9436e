using System.Text.Json;
using System.Text.Json.Serialization;
using Repro.Pipeline.Reports.Claims;

namespace Repro.Pipeline.Reports.Figures;

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

    /// <summary>The profile each run group was drawn at (a group left out as NOT RUN is absent); empty in records written before it existed.</summary>
    public IReadOnlyDictionary<string, string> GroupProfiles { get; init; } = new Dictionary<string, string>();

    /// <summary>The machines its runs were trained on (CPU model and cores, from their store manifests); empty when not recorded.</summary>
    public string Machine { get; init; } = "";

    /// <summary>When it was drawn; null in records written before it existed.</summary>
    public DateTimeOffset? DrawnUtc { get; init; }

    /// <summary>The SHA-256 of each figure and table it wrote, so a file changed since is drawn again; empty in older records.</summary>
    public IReadOnlyDictionary<string, string> Sha256 { get; init; } = new Dictionary<string, string>();

    /// <summary>True when this render was skipped: its inputs equal the last one's and every file it wrote is there, unchanged.</summary>
    [JsonIgnore]
    public bool UpToDate { get; init; }

    /// <summary>
    /// Set when this render kept the record in the results folder instead of drawing (<see cref="CommittedProfiles"/>):
    /// why, e.g. "mlp at paper, this store has quick".
    /// </summary>
    [JsonIgnore]
    public string? KeptBecause { get; init; }

    /// <summary>
    /// Where the artifact comes from, for the gallery and CLAIMS.md: its profile, the day it was drawn and the machine its runs
    /// were trained on, all from the record, so that the pages read the same in every clone (which clone drew an artifact
    /// is said by `repro render` when it draws or keeps one, not written into committed pages).
    /// </summary>
    public string Origin =>
        $"{Profile} profile{(Profile.Contains('+') ? "s" : "")}, "
        + (DrawnUtc is { } drawn ? $"drawn {Day(drawn)}" : $"runs up to {Day(NewestRunUtc)}")
        + $", runs trained on {(Machine.Length > 0 ? Machine : "a machine not recorded")}";

    private static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether every figure and table this record names is in the results folder with the SHA-256 it was written with.</summary>
    public bool OutputsIntact(ResultsFolder results) =>
        Figures.Concat(Tables).All(f => Sha256.TryGetValue(f, out string? hash) && File.Exists(Path.Combine(results.Root, f))
                                        && FileHash(Path.Combine(results.Root, f)) == hash);

    /// <summary>The SHA-256 of each file, keyed by its path relative to the results folder.</summary>
    public static IReadOnlyDictionary<string, string> HashesOf(ResultsFolder results, IEnumerable<string> files) =>
        files.Distinct().ToDictionary(f => f, f => FileHash(Path.Combine(results.Root, f)));

    private static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

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
                || record.GroupProfiles is null || record.Machine is null || record.Sha256 is null
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
