using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Pipeline.Planning;

/// <summary>
/// <c>repro plan --json</c>: what the Cake graph, the nightly workflow and the Slurm scripts read. Field names are
/// snake_case; <see cref="SchemaVersion"/> goes up whenever a field is renamed, removed or changes type (adding a
/// field keeps it). <see cref="Missing"/> is every key not in the store, once; <see cref="Batches"/> the same keys
/// as space-separated strings, one per job. <see cref="NeedsData"/> names the data sets the data folder lacks and
/// <see cref="ArtifactsNeedingData"/> the artifacts with a run that reads one.
/// </summary>
public sealed record PlanDocument(
    int SchemaVersion,
    int Threads,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Batches,
    double? MissingEstimatedSeconds,
    IReadOnlyList<PlanArtifact> Artifacts,
    IReadOnlyList<string> NeedsData,
    IReadOnlyList<string> ArtifactsNeedingData)
{
    public const int CurrentSchemaVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PlanDocument Parse(string json) =>
        JsonSerializer.Deserialize<PlanDocument>(json, Json) ?? throw new InvalidDataException("empty plan document");

    /// <summary>A plan file written by <c>repro plan --json</c>; anything else is one <see cref="ArgumentException"/> naming it.</summary>
    public static PlanDocument Load(string path)
    {
        try
        {
            var plan = Parse(File.ReadAllText(path));
            return plan.Missing is null || plan.Batches is null || plan.Artifacts is null || plan.NeedsData is null
                ? throw new InvalidDataException("fields are missing")
                : plan;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{path}: not a plan written by `repro plan --json` ({e.Message})");
        }
    }
}

/// <summary>One artifact at one profile and every run it needs.</summary>
public sealed record PlanArtifact(string Name, string Description, string Profile, IReadOnlyList<PlanRun> Runs);

/// <summary>
/// One run: where it sits, its key, cached/missing/stale and why, and its estimated seconds: CPU seconds on the calibrating
/// machine, an upper bound of its wall time on a quiet machine (null without a calibration).
/// </summary>
/// <param name="NeedsData">The data set the run reads and the data folder lacks (its key is provisional until fetched), else null.</param>
public sealed record PlanRun(string Identity, string Display, string Label, string Key, string Status, IReadOnlyList<string> Why,
                             string? NeedsData, double? EstimatedSeconds);
