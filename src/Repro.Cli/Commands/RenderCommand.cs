using System.CommandLine;
using Repro.Pipeline.Regeneration;

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
        var completeOnly = new Option<bool>("--complete-only")
        {
            Description = "Render only the artifacts whose runs (at --profile, else each artifact's default) are all in the store, each at the best profile the store holds as `./build.sh` does, and name the others.",
        };
        var command = new Command("render", "Draw figures and tables from runs in the store into results/, and refresh results/README.md. "
                                             + "Without --profile, each run group at the most complete profile the store holds (paper, else quick).")
        {
            target, CommonOptions.Profile, CommonOptions.Device, force, completeOnly,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            var policy = new RegenerationPolicy(workspace, null);
            var specs = policy.Artifacts(parse.GetValue(target)!);
            if (parse.GetValue(completeOnly))
            {
                var plan = policy.Plan(specs, parse.GetValue(CommonOptions.Profile));
                var complete = RegenerationPolicy.Complete(plan).Select(a => a.Name).ToHashSet();
                foreach (var a in plan.Artifacts.Where(a => !complete.Contains(a.Name)))
                    Console.WriteLine($"render: {a.Name} ({a.Profile}): {a.Runs.Count(r => r.Status == "cached")} of {a.Runs.Count} runs in the store; not rendered until the rest are");
                specs = specs.Where(s => complete.Contains(s.Artifact)).ToList();
                if (specs.Count == 0) return 0;
            }
            string? profile = parse.GetValue(completeOnly) ? null : parse.GetValue(CommonOptions.Profile);
            Print(specs, workspace.Render(specs, profile, parse.GetValue(force)));
            return 0;
        }));
        return command;
    }

    /// <summary>One line per artifact rendered: its files, scale and run count, or that it was up to date.</summary>
    public static void Print(IEnumerable<Repro.Pipeline.Specs.ExperimentSpec> specs, IEnumerable<Repro.Pipeline.Reports.RenderRecord> records)
    {
        foreach (var (spec, record) in specs.Zip(records))
        {
            Console.WriteLine($"{spec.Artifact}: {string.Join(", ", record.Figures.Concat(record.Tables))} ({record.Scale}, {record.RunCount} runs)"
                              + (record.UpToDate ? ": up to date (same runs and code as its last render)" : ""));
        }
    }
}
