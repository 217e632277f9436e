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
        var target = new Option<string>("--target") { Description = "An artifact name, or Default for all.", DefaultValueFactory = _ => "Default" };
        var command = new Command("plan", "List every run the target needs, with its key and whether the store holds it.")
        {
            json, target, CommonOptions.Profile,
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
                            identity = p.Run.Identity,
                            display = p.Run.DisplayName,
                            label = p.Run.Label,
                            key = p.Key.Value,
                            status = p.Status.ToString().ToLowerInvariant(),
                            why = p.Why,
                        }).ToList(),
                    };
                }).ToList();
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new { threads = workspace.Threads, artifacts }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            else
                foreach (var a in artifacts)
                    foreach (var r in a.runs.Where(r => r.status != "cached"))
                        Console.WriteLine($"{r.key}  {r.display}  ({r.status})");
            return 0;
        }));
        return command;
    }

    public static IEnumerable<Repro.Pipeline.Specs.ExperimentSpec> Artifacts(Workspace workspace, string target) =>
        target.Equals("Default", StringComparison.OrdinalIgnoreCase) ? workspace.Catalog.Artifacts : [workspace.Catalog.Artifact(target)];

    public static IEnumerable<PlanItem> Items(Workspace workspace, string target, string? profile) =>
        Artifacts(workspace, target).SelectMany(spec => workspace.Plan(spec, profile));
}
