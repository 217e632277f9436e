using System.CommandLine;
using Repro.Pipeline.Reports;

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
        var replace = new Option<bool>("--replace-committed")
        {
            Description = "Draw from this store even where the artifact in results/ rests on a more complete profile (e.g. paper) than the store holds.",
        };
        var command = new Command("render", "Draw figures and tables from runs in the store into results/, and refresh results/README.md. "
                                             + "Without --profile, each run group at the most complete profile the store holds (paper, else quick); "
                                             + "an artifact in results/ at a more complete profile than that is kept (see --replace-committed).")
        {
            target, CommonOptions.Profile, CommonOptions.Device, force, replace,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            var names = parse.GetValue(target)!.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var specs = names.SelectMany(name => PlanCommand.Artifacts(workspace, name)).DistinctBy(s => s.Artifact).ToList();
            var records = workspace.Render(specs, CommonOptions.ProfileOf(parse, workspace), parse.GetValue(force), parse.GetValue(replace));
            foreach (var (spec, record) in specs.Zip(records).Where(r => r.Second.KeptBecause is null))
            {
                Console.WriteLine($"{spec.Artifact}: {string.Join(", ", record.Figures.Concat(record.Tables))} ({record.Scale}, {Format.Plural(record.RunCount, "run")})"
                                  + (record.UpToDate ? ": up to date (same runs and code as its last render)" : ""));
            }
            var kept = records.Where(r => r.KeptBecause is not null).ToList();
            if (kept.Count > 0)
            {
                string one = kept[0].Artifact;
                Console.WriteLine($"kept as committed, not downgraded: {string.Join("; ", kept.Select(r => $"{r.Artifact} ({r.KeptBecause})"))}. "
                                  + $"To redraw one, train its profile (`./build.sh --target={one} --profile=paper`) "
                                  + $"or draw it from this store anyway (`repro render --target {one} --replace-committed`).");
            }
            return 0;
        }));
        return command;
    }
}
