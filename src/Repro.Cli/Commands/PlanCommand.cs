using System.CommandLine;
using System.Text.Json;
using Repro.Pipeline;
using Repro.Pipeline.Planning;

namespace Repro.Cli.Commands;

public static class PlanCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (what the Cake graph reads)." };
        var maxJobs = new Option<int>("--max-jobs")
        {
            Description = "Split the missing runs into at most this many batches (GitHub Actions matrices hold 256 jobs).",
            DefaultValueFactory = _ => 200,
        };
        var target = new Option<string>("--target") { Description = "An artifact name, or Default for all.", DefaultValueFactory = _ => "Default" };
        var command = new Command("plan", "List every run the target needs, with its key and whether the store holds it.")
        {
            json, target, maxJobs, CommonOptions.Profile,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            string profile = parse.GetValue(CommonOptions.Profile) ?? "";
            var artifacts = Artifacts(workspace, parse.GetValue(target)!)
                .Select(spec =>
                {
                    string chosen = profile.Length > 0 ? profile : spec.DefaultProfile;
                    return new
                    {
                        name = spec.Artifact,
                        description = spec.Description.Trim(),
                        profile = chosen,
                        runs = workspace.Plan(spec, chosen).Select(p => new
                        {
                            identity = p.Identity.ToString(),
                            display = p.Run.DisplayName,
                            label = p.Run.Label,
                            key = p.Key.Value,
                            status = p.Status.ToString().ToLowerInvariant(),
                            why = p.Why,
                            needs_data = p.NeedsData,
                        }).ToList(),
                    };
                }).ToList();
            // Runs shared by several artifacts have one key: train each once.
            var missing = artifacts.SelectMany(a => a.runs).Where(r => r.status != "cached").Select(r => r.key).Distinct().ToList();
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new { threads = workspace.Threads, missing, batches = Batches(missing, parse.GetValue(maxJobs)), artifacts },
                                                           new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            else
                foreach (var a in artifacts)
                    foreach (var r in a.runs.Where(r => r.status != "cached"))
                        Console.WriteLine($"{r.key}  {r.display}  ({r.status})");
            return 0;
        }));
        return command;
    }

    /// <summary>The keys dealt round-robin into at most <paramref name="maxJobs"/> space-separated batches.</summary>
    private static List<string> Batches(IReadOnlyList<string> keys, int maxJobs)
    {
        if (maxJobs < 1) throw new ArgumentException($"--max-jobs must be at least 1, got {maxJobs}");
        int jobs = Math.Min(maxJobs, keys.Count);
        return Enumerable.Range(0, jobs).Select(j => string.Join(" ", keys.Where((_, i) => i % jobs == j))).ToList();
    }

    public static IEnumerable<Repro.Pipeline.Specs.ExperimentSpec> Artifacts(Workspace workspace, string target) =>
        target.Equals("Default", StringComparison.OrdinalIgnoreCase) ? workspace.Catalog.Artifacts : [workspace.Catalog.Artifact(target)];

    public static IEnumerable<PlanItem> Items(Workspace workspace, string target, string? profile) =>
        Artifacts(workspace, target).SelectMany(spec => workspace.Plan(spec, profile));
}
