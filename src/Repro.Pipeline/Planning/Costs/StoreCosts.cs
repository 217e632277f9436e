using System.Text.Json;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Planning.Costs;

/// <summary>
/// The finished runs of a store as <see cref="FinishedRunCost"/>s, read from their manifests (the run's fields are its
/// <c>config.*</c> inputs) and outcomes. An entry that cannot be read so (an older field set, a damaged outcome) is
/// left out with one line saying why: the store is outside input.
/// </summary>
public static class StoreCosts
{
    private const string ConfigPrefix = "config.";

    public static IReadOnlyList<FinishedRunCost> Read(RunStore store, ICollection<string> skipped)
    {
        var runs = new List<FinishedRunCost>();
        foreach (var entry in store.Entries())
        {
            try
            {
                var manifest = entry.Manifest;
                var outcome = OutcomeFile.Load(entry.Directory);
                double? cpu = manifest.Machine?.CpuSeconds;
                runs.Add(new FinishedRunCost(manifest.Key, SettingsOf(manifest.Inputs), outcome.StepsRun, cpu ?? manifest.DurationSeconds, cpu is not null,
                                             manifest.Machine?.PeakRssBytes, manifest.Machine?.StartRssBytes));
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or JsonException or IOException)
            {
                skipped.Add($"{entry.Directory}: left out of the cost check: {e.Message}");
            }
        }
        return runs;
    }

    /// <summary>The run's settings from the manifest's <c>config.*</c> inputs, parsed as the command line parses fields.</summary>
    public static RunSettings SettingsOf(IReadOnlyDictionary<string, string> inputs)
    {
        var values = new Dictionary<string, FieldValue>();
        foreach (var (name, text) in inputs)
        {
            if (!name.StartsWith(ConfigPrefix, StringComparison.Ordinal)) continue;
            string field = name[ConfigPrefix.Length..];
            values[field] = FieldText.Parse(RunFields.Find(field) ?? throw new ArgumentException($"unknown field '{field}'"), text);
        }
        return RunConfig.Complete(values).Settings;
    }
}
