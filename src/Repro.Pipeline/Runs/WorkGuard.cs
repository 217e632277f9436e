using Repro.Core.Training;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Runs;

/// <summary>
/// Partial work at a store's <c>.work/&lt;key&gt;</c> that the run of that key cannot resume: a plain file, a link,
/// or a folder holding another run's (or an unreadable) <c>spec.json</c>. It is moved whole to <c>.work/.rejected/</c>,
/// never deleted, and the key trains from step 0; before, it stopped the run (exit 2) at every attempt.
/// </summary>
public static class WorkGuard
{
    /// <summary>Moves unusable work at <paramref name="work"/> aside; returns a line saying so, or null when there is nothing to move.</summary>
    public static string? SetAsideForeign(string work, RunConfig config)
    {
        if (Why(work, config) is not { } why) return null;
        string aside = Path.Combine(Path.GetDirectoryName(work)!, RunFiles.Rejected,
                                    $"{Path.GetFileName(work)}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}.{Environment.ProcessId}");
        Store.MoveAside.Move(work, aside);
        return $"the partial work in {work} is {why}; moved to {aside}, training from step 0";
    }

    private static string? Why(string work, RunConfig config)
    {
        var info = new FileInfo(work);
        if (info.LinkTarget is not null) return "a link, not a folder";
        if (info.Exists) return "a file, not a folder";
        string spec = Path.Combine(work, RunFiles.Spec);
        if (!Directory.Exists(work) || !File.Exists(spec) || config.Settings.Trainer is null) return null;
        TrainingSpec previous;
        try
        {
            previous = TrainingRun.ReadSpec(work);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return "unreadable (its spec.json is not one repro wrote)";
        }
        return previous with { Steps = 0 } == config.Settings.TrainingSpec() with { Steps = 0 } ? null : "another run's (its spec.json differs)";
    }
}
