using System.Text.Json;
using Repro.Core;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Runs;

/// <summary><c>outcome.json</c> of a run folder or store entry: the <see cref="TrainingOutcome"/> of the run, saved and loaded.</summary>
public static class OutcomeFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Save(TrainingOutcome outcome, string directory) =>
        File.WriteAllBytes(Path.Combine(directory, RunFiles.Outcome), JsonSerializer.SerializeToUtf8Bytes(outcome, Json));

    public static TrainingOutcome Load(string directory) =>
        JsonSerializer.Deserialize<TrainingOutcome>(File.ReadAllBytes(Path.Combine(directory, RunFiles.Outcome)), Json)
        ?? throw new InvalidDataException($"{Path.Combine(directory, RunFiles.Outcome)}: empty");
}
