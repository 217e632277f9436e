using System.Text.Json.Nodes;

namespace Repro.Rehearsal;

/// <summary>
/// The gathered results against a single-machine render, per artifact: its tables and figures byte for byte, its
/// record as JSON without <c>newest_run_utc</c> (when the runs were trained, which differs between two trainings),
/// <c>drawn_utc</c> (when it was drawn) and <c>inputs</c> (it names the build of the drawing code, whose module ids
/// differ between two clones' builds).
/// </summary>
public static class ResultsComparison
{
    public static List<string> Differences(string gathered, string reference, IEnumerable<string> artifacts)
    {
        var differences = new List<string>();
        int compared = 0;
        foreach (var artifact in artifacts)
        {
            string name = artifact.ToLowerInvariant();
            string record = Path.Combine("records", $"{name}.json");
            if (!File.Exists(Path.Combine(gathered, record))) { differences.Add($"{artifact}: the gathered results have no {record}"); continue; }
            if (!File.Exists(Path.Combine(reference, record))) { differences.Add($"{artifact}: the reference has no {record}"); continue; }
            if (RecordWithoutTimes(Path.Combine(gathered, record)) != RecordWithoutTimes(Path.Combine(reference, record)))
                differences.Add($"{artifact}: {record} differs from the single-machine render");
            compared++;
            // Every file the record names (figures and tables).
            var files = JsonNode.Parse(File.ReadAllText(Path.Combine(gathered, record)))!.AsObject();
            foreach (var field in new[] { "figures", "tables" })
                foreach (var file in files[field]?.AsArray() ?? [])
                {
                    string relative = file!.GetValue<string>();
                    string a = Path.Combine(gathered, relative), b = Path.Combine(reference, relative);
                    compared++;
                    if (!File.Exists(a) || !File.Exists(b)) differences.Add($"{artifact}: {relative} is missing on one side");
                    else if (!File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)))
                        differences.Add($"{artifact}: {relative} differs from the single-machine render");
                }
        }
        Shell.Say($"rehearsal: compared {compared} result files with {reference}: {(differences.Count == 0 ? "identical" : $"{differences.Count} differ")}");
        return differences;
    }

    private static string RecordWithoutTimes(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        node.Remove("newest_run_utc");
        node.Remove("drawn_utc");
        node.Remove("inputs");
        return node.ToJsonString();
    }
}
