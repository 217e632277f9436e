using System.CommandLine;
using Repro.Pipeline;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Regeneration;

namespace Repro.Cli.Commands;

public static class PlanCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (what the Cake graph and the nightly read; see PlanDocument)." };
        var estimate = new Option<bool>("--estimate") { Description = "Print per artifact and profile the runs and the hours they take here and on the reference GPU (from calibration/cost-model.json)." };
        var maxJobs = new Option<int>("--max-jobs")
        {
            Description = "Split the missing runs into at most this many batches (GitHub Actions matrices hold 256 jobs).",
            DefaultValueFactory = _ => 200,
        };
        var jobBudget = new Option<double?>("--job-budget")
        {
            Description = "Pack the missing runs by estimated seconds, longest first, into batches of at most this many seconds (a longer run gets a batch of its own).",
        };
        var target = new Option<string[]>("--target")
        {
            Description = "Artifacts (several: repeat, or space-separate; a run they share is planned once), or Default for all.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["Default"],
        };
        var skipUnfetched = new Option<bool>("--skip-unfetched")
        {
            Description = "Leave out of the missing runs and batches those whose data set the data folder lacks (after `repro data fetch --keep-going`, one that could not be fetched).",
        };
        var workers = new Option<string?>("--workers")
        {
            Description = "Pack this many workers' worth of --job-budget into a batch: the `repro run --workers` count of the machines that train it (auto: this machine's).",
        };
        var githubOutput = new Option<string?>("--github-output")
        {
            Description = "Also append to this file (GitHub's $GITHUB_OUTPUT) count=<missing runs> and batches=<JSON list of {id, keys}>, a train job's matrix.",
        };
        var batchesTo = new Option<string?>("--batches-to") { Description = "Also write the batches into this file, one a line (space-separated keys): a Slurm array's tasks." };
        var command = new Command("plan", "List every run the targets need, with its key, whether the store holds it, and its estimated cost.")
        {
            json, estimate, target, maxJobs, jobBudget, skipUnfetched, workers, githubOutput, batchesTo, CommonOptions.Profile, CommonOptions.Device,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            if (parse.GetValue(json) && parse.GetValue(estimate)) throw new ArgumentException("give --json or --estimate, not both");
            var workspace = CommonOptions.OpenWorkspace(parse);
            var calibration = CostCalibration.TryLoad(CostCalibration.PathIn(workspace.Root));
            var policy = new RegenerationPolicy(workspace, calibration is null ? null : new CostModel(calibration));
            double? budget = parse.GetValue(jobBudget);
            if (budget is not null && parse.GetValue(workers) is { } given)
            {
                // auto: as `repro run --workers auto` would size this plan's largest run (see docs/run-memory.md).
                var memory = calibration?.Memory is { } m ? new MemoryModel(m) : null;
                double? largestPeak = memory?.EstimatePeakOfLargest(policy.Artifacts(parse.GetValue(target)!)
                    .SelectMany(a => a.Resolve(CommonOptions.ProfileOf(parse, workspace))).Select(r => r.Config.Settings));
                int count = Workers.WorkerCount.Resolve(given, workspace.Threads, Environment.GetEnvironmentVariable, largestPeak);
                Console.Error.WriteLine($"plan: {count} train workers a job: batches of up to {budget * count:G} estimated seconds");
                budget *= count;
            }
            string? profile = CommonOptions.ProfileOf(parse, workspace);
            if (policy.LeftOut(parse.GetValue(target)!, profile) is { } leftOut) Console.Error.WriteLine($"plan: {leftOut}");
            var plan = policy.Plan(policy.Artifacts(parse.GetValue(target)!, profile), profile, parse.GetValue(maxJobs), budget,
                                   parse.GetValue(skipUnfetched));
            if (parse.GetValue(githubOutput) is { } outputs) PlanOutputs.AppendGitHub(outputs, plan);
            if (parse.GetValue(batchesTo) is { } lines) File.WriteAllLines(lines, plan.Batches);
            if (parse.GetValue(json))
                Console.WriteLine(plan.ToJson());
            else if (parse.GetValue(estimate))
                foreach (var line in calibration is null
                             ? [$"no cost calibration at {CostCalibration.PathIn(workspace.Root)}: run `repro bench calibrate` to measure this machine"]
                             : EstimateTable.Lines(plan, calibration))
                    Console.WriteLine(line);
            else
                foreach (var a in plan.Artifacts)
                    foreach (var r in a.Runs.Where(r => r.Status != "cached"))
                        Console.WriteLine($"{r.Key}  {r.Display}  ({r.Status}{(r.EstimatedSeconds is { } s ? $", ~{Duration(s)}" : "")})");
            return 0;
        }));
        return command;
    }

    /// <summary>Seconds as a person reads them: 42 s, 7 min, 3.5 h.</summary>
    public static string Duration(double seconds)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return seconds < 90 ? $"{seconds.ToString("F0", c)} s" : seconds < 5400 ? $"{(seconds / 60).ToString("F0", c)} min" : $"{(seconds / 3600).ToString("F1", c)} h";
    }

    public static IEnumerable<PlanItem> Items(Workspace workspace, string target, string? profile) =>
        new RegenerationPolicy(workspace, null).Artifacts([target], profile).SelectMany(spec => workspace.Plan(spec, profile));
}
