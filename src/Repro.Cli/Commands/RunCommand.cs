using System.CommandLine;
using Repro.Cli.Progress;

namespace Repro.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var key = new Option<string[]>("--key") { Description = "Train exactly the planned runs with these keys (repeatable, or space-separated).", AllowMultipleArgumentsPerToken = true };
        var target = new Option<string?>("--target") { Description = "Train every missing run of this artifact (or Default for all)." };
        var command = new Command("run", "Train planned runs into the store; a run already there is reported as cached and not retrained.")
        {
            key, target, CommonOptions.Profile,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            string? profile = parse.GetValue(CommonOptions.Profile);
            var keys = (parse.GetValue(key) ?? []).SelectMany(k => k.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (keys.Count > 0)
            {
                // A key does not depend on the profile, so look through every profile of every artifact.
                var planned = workspace.Catalog.Artifacts
                    .SelectMany(spec => (profile is null ? spec.Profiles.Keys : [profile]).SelectMany(p => workspace.Plan(spec, p)))
                    .DistinctBy(p => p.Key.Value)
                    .ToDictionary(p => p.Key.Value);
                var unknown = keys.FirstOrDefault(k => !planned.ContainsKey(k));
                if (unknown is not null) throw new ArgumentException($"no planned run has key {unknown}; `repro plan` lists them");
                return RunSession.Run(workspace, keys.Distinct().Select(k => planned[k]).ToList(), IRunsDisplay.ForConsole());
            }
            if (parse.GetValue(target) is { } artifact)
                return RunSession.Run(workspace, PlanCommand.Items(workspace, artifact, profile).DistinctBy(p => p.Key.Value).ToList(), IRunsDisplay.ForConsole());
            throw new ArgumentException("give --key KEY or --target ARTIFACT");
        }));
        return command;
    }
}
