using System.CommandLine;
using System.Globalization;
using Repro.Cli.Workers;
using Repro.Pipeline.Planning.Costs;
using Repro.Pipeline.Regeneration;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro run</c>'s options for a batch on a CI runner or a cluster node: <c>--workers</c> (see
/// <see cref="WorkerPool"/>), <c>--report DIR</c> (the batch's keys and exit code, for the job that gathers batches)
/// and <c>--resumable-ok</c> (a batch stopped at its budget or by a signal, its runs checkpointed, is not a failure).
/// </summary>
public static class BatchOptions
{
    public static readonly Option<string?> Workers = new("--workers")
    {
        Description = $"Train over this many child processes side by side, all into one store (auto, or {WorkerCount.WorkersVariable}: one per --threads cores and per {WorkerCount.Margin}× the batch's largest estimated peak memory, from calibration/cost-model.json; {WorkerCount.MemoryVariable} sets a worker's GB instead; without a memory estimate {WorkerCount.DefaultMemoryGb} GB).",
    };

    public static readonly Option<string?> Report = new("--report")
    {
        Description = $"Write the batch's keys ({BatchReport.KeysFile}) and exit code ({BatchReport.ExitCodeFile}) into this folder when done (what `repro status --summary-markdown --batch-reports` reads).",
    };

    public static readonly Option<bool> ResumableOk = new("--resumable-ok")
    {
        Description = $"Exit 0 when the runs stopped at the time budget or on a signal ({ExitCodes.Stopped}, {ExitCodes.Interrupted}, {ExitCodes.Terminated}): checkpointed, resumed next time.",
    };

    /// <summary>Trains <paramref name="keys"/> (else the target's missing runs, longest first) over the workers; returns the combined exit code.</summary>
    public static int RunOverWorkers(ParseResult parse, IReadOnlyList<string> keys, string? target) => RunOverWorkers(parse, keys, target, out _);

    public static int RunOverWorkers(ParseResult parse, IReadOnlyList<string> keys, string? target, out IReadOnlyList<string> batchKeys)
    {
        var settings = CommonOptions.Settings(parse);
        var workspace = Repro.Pipeline.Workspace.Open(settings);
        string? profile = parse.GetValue(CommonOptions.Profile);
        var calibration = CostCalibration.TryLoad(CostCalibration.PathIn(workspace.Root));
        List<Repro.Pipeline.Planning.PlanItem> runs;
        if (keys.Count > 0)
        {
            var planned = RunCommand.Planned(workspace, profile, keys);   // an unknown key is one line and exit 2, here rather than in a worker
            runs = keys.Distinct().Select(k => planned[k]).ToList();
        }
        else if (target is not null)
        {
            var model = calibration is null ? null : new CostModel(calibration);
            runs = PlanCommand.Items(workspace, target, profile).Where(p => p.Status != Repro.Pipeline.Planning.RunStatus.Cached)
                .DistinctBy(p => p.Key.Value).OrderByDescending(p => model?.EstimateSeconds(p.Run.Config.Settings) ?? 0).ToList();
        }
        else throw new ArgumentException("give --key KEY or --target ARTIFACT");
        var batch = runs.Select(p => p.Key.Value).ToList();
        batchKeys = batch;
        double? largestPeak = calibration?.Memory is { } memory
            ? new MemoryModel(memory).EstimatePeakOfLargest(runs.Select(p => p.Run.Config.Settings))
            : null;
        int count = WorkerCount.Resolve(parse.GetValue(Workers), settings.Threads, Environment.GetEnvironmentVariable, largestPeak);
        if (parse.GetValue(Workers) == "auto" && batch.Count > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run: --workers auto: {count} (a worker {WorkerCount.PerWorkerBytes(Environment.GetEnvironmentVariable, largestPeak) / (1 << 30):F1} GiB; the batch's largest estimated peak {(largestPeak is { } peak ? $"{peak / (1 << 30):F1} GiB" : "unknown")})"));
        if (batch.Count == 0)
        {
            Console.WriteLine("run: every run is in the store");
            return ExitCodes.Success;
        }
        var shared = new List<string>
        {
            "--root", settings.Root, "--store", settings.StoreDirectory, "--data", settings.DataDirectory,
            "--threads", settings.Threads.ToString(CultureInfo.InvariantCulture),
        };
        if (profile is not null) shared.AddRange(["--profile", profile]);
        if (parse.GetValue(CommonOptions.Device) is { } device) shared.AddRange(["--device", device]);
        if (parse.GetValue(TimeBudget.Option) is { } seconds) shared.AddRange(["--time-budget", seconds.ToString("R", CultureInfo.InvariantCulture)]);
        if (parse.GetValue(CheckpointInterval.Option) is { } interval) shared.AddRange(["--checkpoint-interval", interval.ToString("R", CultureInfo.InvariantCulture)]);
        return WorkerPool.Run(batch, count, WorkerPool.ReproCommand(), share => ["run", "--key", .. share, .. shared], Console.Out, Console.Error);
    }

    /// <summary>Writes the report when asked for, and turns a resumable stop into 0 under <c>--resumable-ok</c>.</summary>
    public static int Finish(ParseResult parse, IReadOnlyList<string> keys, int code)
    {
        if (parse.GetValue(Report) is { } folder) BatchReport.Write(folder, keys, code);
        if (!parse.GetValue(ResumableOk) || !ExitCodes.IsResumable(code)) return code;
        Console.WriteLine($"run: {ExitCodes.Describe(code)}: the unfinished runs are checkpointed, and the next invocation resumes them");
        return ExitCodes.Success;
    }
}
