using System.Text.Json;
using Repro.Core.Training;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Runs;

/// <summary>
/// What a run folder holds of a run that has not finished: the step of its newest checkpoint and, when a time budget
/// stopped it, the seconds trained so far (<c>partial.json</c>, summed over sessions), which give an estimate of the
/// time left. A finished run has no <c>partial.json</c>.
/// </summary>
public sealed record PartialRun(long Step, long Steps, double? TrainedSeconds)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Seconds left at the rate of the sessions so far; null when nothing was timed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double? EstimatedSecondsLeft =>
        TrainedSeconds is { } seconds && Step > 0 ? seconds / Step * Math.Max(0, Steps - Step) : null;

    /// <summary>The partial run in <paramref name="folder"/>, or null when it holds no checkpoint.</summary>
    public static PartialRun? Find(string folder)
    {
        var latest = Checkpoint.Latest(Path.Combine(folder, RunFiles.Checkpoints));
        if (latest is null) return null;
        var step = Checkpoint.StepOf(latest) ?? 0;
        var saved = Read(folder);
        long steps = saved?.Steps ?? (System.IO.File.Exists(Path.Combine(folder, RunFiles.Spec)) ? TrainingRun.ReadSpec(folder).Steps : step);
        return new PartialRun(step, steps, saved is not null && saved.Step == step ? saved.TrainedSeconds : null);
    }

    /// <summary>Records a session stopped at <paramref name="step"/> after <paramref name="sessionSeconds"/>, adding the time of earlier sessions.</summary>
    public static void Record(string folder, long resumedFrom, long step, long steps, double sessionSeconds)
    {
        var earlier = Read(folder) is { Step: var s, TrainedSeconds: { } t } && s == resumedFrom ? t : 0;
        System.IO.File.WriteAllBytes(Path.Combine(folder, RunFiles.Partial),
            JsonSerializer.SerializeToUtf8Bytes(new PartialRun(step, steps, earlier + sessionSeconds), Json));
    }

    public static void Clear(string folder) => System.IO.File.Delete(Path.Combine(folder, RunFiles.Partial));

    private static PartialRun? Read(string folder)
    {
        var path = Path.Combine(folder, RunFiles.Partial);
        try
        {
            return System.IO.File.Exists(path) ? JsonSerializer.Deserialize<PartialRun>(System.IO.File.ReadAllBytes(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;   // a hint for the estimate only; a bad one costs the estimate, not the run
        }
    }
}
