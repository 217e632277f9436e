using System.CommandLine;

namespace Repro.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var key = new Option<string?>("--key") { Description = "Train exactly the planned run with this key." };
        var target = new Option<string?>("--target") { Description = "Train every missing run of this artifact (or Default for all)." };
        var command = new Command("run", "Train planned runs into the store; a run already there is reported as cached and not retrained.")
        {
            key, target, CommonOptions.Profile,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            string? profile = parse.GetValue(CommonOptions.Profile);
            if (parse.GetValue(key) is { } wanted)
            {
                // A key does not depend on the profile, so look through every profile of every artifact.
                var item = workspace.Catalog.Artifacts
                    .SelectMany(spec => (profile is null ? spec.Profiles.Keys : [profile]).SelectMany(p => workspace.Plan(spec, p)))
                    .FirstOrDefault(p => p.Key.Value == wanted)
                    ?? throw new ArgumentException($"no planned run has key {wanted}; `repro plan` lists them");
                workspace.Execute(item, Console.Out);
                return 0;
            }
            if (parse.GetValue(target) is { } artifact)
            {
                foreach (var item in PlanCommand.Items(workspace, artifact, profile))
                    workspace.Execute(item, Console.Out);
                return 0;
            }
            throw new ArgumentException("give --key KEY or --target ARTIFACT");
        }));
        return command;
    }
}
