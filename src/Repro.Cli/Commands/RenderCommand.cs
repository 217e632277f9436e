using System.CommandLine;
using Repro.Pipeline.Regeneration;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Figures;

namespace Repro.Cli.Commands;

public static class RenderCommand
{
    /// <summary>Also on `repro regenerate` (and so `./build.sh --replace-committed`).</summary>
    public static readonly Option<bool> ReplaceCommitted = new("--replace-committed")
    {
        Description = "Draw from this store even where the artifact in results/ rests on a more complete profile (e.g. paper) than the store holds.",
    };

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
                                             + "Without --profile, each run group at the most complete profile the store holds (paper, else cpu-scale, else quick); "
                                             + "an artifact in results/ at a more complete profile than that is kept (see --replace-committed).")
        {
            target, CommonOptions.Profile, CommonOptions.Device, force, ReplaceCommitted, completeOnly,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            var policy = new RegenerationPolicy(workspace, null);
            string? profile = CommonOptions.ProfileOf(parse, workspace);
            var specs = policy.Artifacts(parse.GetValue(target)!, profile);
            if (parse.GetValue(completeOnly))
            {
                var plan = policy.Plan(specs, profile);
                var complete = RegenerationPolicy.Complete(plan).Select(a => a.Name).ToHashSet();
                foreach (var a in plan.Artifacts.Where(a => !complete.Contains(a.Name)))
                    Console.WriteLine($"render: {a.Name} ({a.Profile}): {a.Runs.Count(r => r.Status == "cached")} of {a.Runs.Count} runs in the store; not rendered until the rest are");
                specs = specs.Where(s => complete.Contains(s.Artifact)).ToList();
                if (specs.Count == 0) return 0;
                profile = null;   // each complete artifact at the best profile the store holds
            }
            Print(specs, workspace.Render(specs, profile, parse.GetValue(force), parse.GetValue(ReplaceCommitted)));
            return 0;
        }));
        return command;
    }

    /// <summary>What a render drew, and once, which committed artifacts it kept rather than downgrade and how to redraw them.</summary>
    public static void Print(IEnumerable<Repro.Pipeline.Specs.ExperimentSpec> specs, IEnumerable<RenderRecord> records)
    {
        var all = specs.Zip(records).ToList();
        foreach (var (spec, record) in all.Where(r => r.Second.KeptBecause is null))
        {
            Console.WriteLine($"{spec.Artifact}: {string.Join(", ", record.Figures.Concat(record.Tables))} ({record.Scale}, {Format.Plural(record.RunCount, "run")})"
                              + (record.UpToDate ? ": up to date (same runs and code as its last render)" : ""));
        }
        var kept = all.Select(r => r.Second).Where(r => r.KeptBecause is not null).ToList();
        if (kept.Count == 0) return;
        string one = kept[0].Artifact;
        Console.WriteLine($"kept as committed, not downgraded: {string.Join("; ", kept.Select(r => $"{r.Artifact} ({r.KeptBecause})"))}. "
                          + $"To redraw one, train its profile (`./build.sh --target={one} --profile=paper`) "
                          + $"or draw it from this store anyway (`repro render --target {one} --replace-committed`, or `./build.sh --target={one} --replace-committed`).");
    }
}
