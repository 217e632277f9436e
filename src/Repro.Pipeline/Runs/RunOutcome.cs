using System.Text.Json;
using Repro.Core;

namespace Repro.Pipeline.Runs;

/// <summary><c>outcome.json</c> of a store entry: how the run ended.</summary>
public static class RunOutcome
{
    public const string File = "outcome.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Save(TrainingOutcome outcome, string directory) =>
        System.IO.File.WriteAllBytes(Path.Combine(directory, File), JsonSerializer.SerializeToUtf8Bytes(outcome, Json));

    public static TrainingOutcome Load(string directory) =>
        JsonSerializer.Deserialize<TrainingOutcome>(System.IO.File.ReadAllBytes(Path.Combine(directory, File)), Json)
        ?? throw new InvalidDataException($"{Path.Combine(directory, File)}: empty");
}
