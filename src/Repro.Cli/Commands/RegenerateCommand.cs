using System.CommandLine;
using Repro.Cli.Progress;
using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Regeneration;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro regenerate --target A B</c>: the whole regeneration policy on this machine (<see cref="RegenerationPolicy"/>),
/// what <c>./build.sh</c> calls. Ends, when some artifact could not be made, with one line naming each and why.
/// </summary>
public static class RegenerateCommand
{
    public static Command Create()
    {
        var target = new Option<string[]>("--target")
        {
            Description = "Artifacts (several: repeat, or space-separate), or Default for all.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["Default"],
        };
        var command = new Command("regenerate",
            "Plan the targets, fetch the data they lack, train what is missing, render what is complete, and name what could not be made (exit 1).")
        {
            target, CommonOptions.Profile, CommonOptions.Device, TimeBudget.Option, CheckpointInterval.Option, BatchOptions.Workers,
            RenderCommand.ReplaceCommitted,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            string? profile = parse.GetValue(CommonOptions.Profile);
            var calibration = CostCalibration.TryLoad(CostCalibration.PathIn(workspace.Root));
            var policy = new RegenerationPolicy(workspace, calibration is null ? null : new CostModel(calibration));
            if (policy.LeftOut(parse.GetValue(target)!, profile) is { } leftOut) Console.Error.WriteLine($"regenerate: {leftOut}");
            var (code, verdict) = policy.Regenerate(policy.Artifacts(parse.GetValue(target)!, profile), profile,
                dataset => DataCommand.FetchEach(parse, [dataset]).Count == 0,
                keys => Train(parse, workspace, profile, keys),
                ready => RenderCommand.Print(ready, workspace.Render(ready, profile, replaceCommitted: parse.GetValue(RenderCommand.ReplaceCommitted))));
            // Last, so that it is the line a build log ends with.
            if (verdict is not null) Console.Error.WriteLine(verdict);
            return code;
        }));
        return command;
    }

    // In this process (a live display on a terminal), or over --workers child processes.
    private static int Train(ParseResult parse, Repro.Pipeline.Workspace workspace, string? profile, IReadOnlyList<string> keys)
    {
        if (parse.GetValue(BatchOptions.Workers) is not null) return BatchOptions.RunOverWorkers(parse, keys, null);
        using var interruption = new Interruption(Console.Error);
        using var budget = TimeBudget.Start(parse, Console.Error);
        var planned = RunCommand.Planned(workspace, profile, keys);
        int code = RunSession.Run(workspace, keys.Select(k => planned[k]).ToList(), IRunsDisplay.ForConsole(), budget.Token, interruption.Token,
                                  CheckpointInterval.Of(parse));
        return interruption.Requested ? interruption.ExitCode : code;
    }
}
