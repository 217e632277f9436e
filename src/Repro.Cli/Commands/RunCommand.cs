using System.CommandLine;
using Repro.Cli.Progress;

namespace Repro.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var key = new Option<string[]>("--key") { Description = "Train exactly the planned runs with these keys (repeatable, or space-separated).", AllowMultipleArgumentsPerToken = true };
        var target = new Option<string?>("--target") { Description = "Train every missing run of this artifact (or Default for all)." };
        var identity = new Option<string?>("--identity") { Description = "Train the one run with this identity (artifact/group/profile/point, as `repro plan --json` lists it), whatever its key." };
        var command = new Command("run", "Train planned runs into the store; a run already there is reported as cached and not retrained.")
        {
            key, target, identity, CommonOptions.Profile, CommonOptions.Device, TimeBudget.Option, CheckpointInterval.Option,
            BatchOptions.Workers, BatchOptions.Report, BatchOptions.ResumableOk,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var keys = (parse.GetValue(key) ?? []).SelectMany(k => k.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (keys.Count > 0 && parse.GetValue(target) is not null) throw new ArgumentException("give --key or --target, not both");
            // The workers, not this process, train, keep the time budget and checkpoint on a signal.
            if (parse.GetValue(BatchOptions.Workers) is not null)
            {
                int combined = BatchOptions.RunOverWorkers(parse, keys, parse.GetValue(target), out var batch);
                return BatchOptions.Finish(parse, batch, combined);
            }
            using var interruption = new Interruption(Console.Error);
            using var budget = TimeBudget.Start(parse, Console.Error);
            var checkpointInterval = CheckpointInterval.Of(parse);
            var settings = CommonOptions.Settings(parse);
            // CUDA on a CPU-only build is refused here in one line, before any run starts (each run would fail alike).
            if (settings.Device is { } device) Repro.Core.TorchDevice.Resolve(Repro.Pipeline.Specs.RunChoices.Devices.Parse(device));
            var workspace = Repro.Pipeline.Workspace.Open(settings);
            string? profile = CommonOptions.ProfileOf(parse, workspace);
            if (keys.Count > 0)
            {
                var planned = Planned(workspace, profile, keys);
                return Train(keys.Distinct().Select(k => planned[k]).ToList());
            }
            if (parse.GetValue(identity) is { } id)
            {
                string artifactName = id.Split('/')[0], profileName = id.Split('/').ElementAtOrDefault(2) ?? "";
                var spec = workspace.Catalog.Artifact(artifactName);
                if (!spec.Profiles.ContainsKey(profileName)) throw new ArgumentException($"--identity {id}: {artifactName} has no profile '{profileName}'");
                var item = workspace.Plan(spec, profileName).FirstOrDefault(p => p.Identity.ToString() == id)
                           ?? throw new ArgumentException($"--identity {id}: no planned run has it; `repro plan --json` lists them");
                return Train([item]);
            }
            if (parse.GetValue(target) is { } artifact)
                return Train(PlanCommand.Items(workspace, artifact, profile).DistinctBy(p => p.Key.Value).ToList());
            throw new ArgumentException("give --key KEY or --target ARTIFACT");

            int Train(IReadOnlyList<Repro.Pipeline.Planning.PlanItem> items)
            {
                int code = RunSession.Run(workspace, items, IRunsDisplay.ForConsole(), budget.Token, interruption.Token, checkpointInterval);
                return BatchOptions.Finish(parse, items.Select(i => i.Key.Value).ToList(), interruption.Requested ? interruption.ExitCode : code);
            }
        }));
        return command;
    }

    /// <summary>
    /// The planned runs with these keys. A key does not depend on the profile, so every profile of every artifact is
    /// looked through, computing keys only: the store is read for the runs asked for, not for the rest.
    /// </summary>
    public static Dictionary<string, Repro.Pipeline.Planning.PlanItem> Planned(Repro.Pipeline.Workspace workspace, string? profile, IReadOnlyCollection<string> keys)
    {
        var planned = workspace.Planner.Find(workspace.Catalog.Artifacts, profile, keys);
        var unknown = keys.FirstOrDefault(k => !planned.ContainsKey(k));
        if (unknown is not null) throw new ArgumentException($"no planned run has key {unknown}; `repro plan` lists them");
        return planned;
    }

}
