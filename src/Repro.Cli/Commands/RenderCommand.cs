using System.CommandLine;

namespace Repro.Cli.Commands;

public static class RenderCommand
{
    public static Command Create()
    {
        var target = new Option<string[]>("--target")
        {
            Description = "Artifacts to render (several in one process: repeat, or space-separate), or Default for all.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["Default"],
        };
        var force = new Option<bool>("--force") { Description = "Draw every artifact even when its runs and the drawing code are those of its last render." };
        var command = new Command("render", "Draw figures and tables from runs in the store into results/, and refresh results/README.md. "
                                             + "Without --profile, each run group at the most complete profile the store holds (paper, else quick).")
        {
            target, CommonOptions.Profile, CommonOptions.Device, force,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            var names = parse.GetValue(target)!.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var specs = names.SelectMany(name => PlanCommand.Artifacts(workspace, name)).DistinctBy(s => s.Artifact).ToList();
            foreach (var (spec, record) in specs.Zip(workspace.Render(specs, parse.GetValue(CommonOptions.Profile), parse.GetValue(force))))
            {
                Console.WriteLine($"{spec.Artifact}: {string.Join(", ", record.Figures.Concat(record.Tables))} ({record.Scale}, {record.RunCount} runs)"
                                  + (record.UpToDate ? ": up to date (same runs and code as its last render)" : ""));
            }
            return 0;
        }));
        return command;
    }
}
