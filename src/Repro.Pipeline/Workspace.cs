using Repro.Core;
using Repro.Pipeline.Metrics;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Figures;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Settings;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline;

/// <summary>
/// The project as the pipeline sees it: declared artifacts, the run store, the results folder and the
/// thread count every run is pinned to (part of each run key).
/// </summary>
public sealed class Workspace
{
    private Workspace(string root, ExperimentCatalog catalog, RunStore store, ResultsFolder results, int threads, string dataDirectory,
                      string? device)
    {
        DataDirectory = dataDirectory;
        Root = root;
        Catalog = catalog;
        Store = store;
        Results = results;
        Threads = threads;
        Planner = new Planner(store, new KeyEnvironment(TorchRuntime.EngineVersion, TorchRuntime.TorchSharpVersion,
                                                        TorchRuntime.LibTorchVersion, threads)
        { Cuda = TorchDevice.CudaDescription }, dataDirectory, device);
    }

    public string Root { get; }
    public ExperimentCatalog Catalog { get; }
    public RunStore Store { get; }
    public ResultsFolder Results { get; }
    public int Threads { get; }
    public Planner Planner { get; }

    /// <summary>Where runs read their data (<see cref="Datasets.DataFolder"/>). Not part of any key; the data's content is.</summary>
    public string DataDirectory { get; }

    /// <summary>Opens the project the settings name: its experiment files (checked against the known renderers), store and results.</summary>
    public static Workspace Open(ReproSettings settings, string? experiments = null, string? results = null)
    {
        var catalog = ExperimentCatalog.Load(experiments ?? Path.Combine(settings.Root, "experiments"),
            new LoadChecks(ArtifactRenderers.Contracts, settings.DataDirectory, LoadChecks.MaxRunsFromEnvironment()));
        return new Workspace(settings.Root, catalog, new RunStore(settings.StoreDirectory),
                             new ResultsFolder(results ?? Path.Combine(settings.Root, "results")), settings.Threads, settings.DataDirectory, settings.Device);
    }

    /// <summary>
    /// Opens the project at <paramref name="root"/> (default: found upwards from here) with explicit settings and no
    /// environment: the store defaults to <c>.repro/store</c>, threads to 2 (the CLI resolves the environment, see <see cref="ReproSettings"/>).
    /// </summary>
    public static Workspace Open(string? root = null, string? experiments = null, string? results = null, string? store = null, int? threads = null,
                                 string? data = null) =>
        Open(ReproSettings.Resolve(root, store, threads, data, _ => null, Datasets.DataFolder.Resolve), experiments, results);

    public IReadOnlyList<PlanItem> Plan(ExperimentSpec artifact, string? profile) => Planner.Plan(artifact, profile);

    /// <summary>
    /// Trains one planned run into the store, unless a verified entry is there already. Whatever else lies at the
    /// key's path (a damaged entry, a stray file) is moved aside first. Returns whether it trained.
    /// </summary>
    /// <param name="budget">A time budget: when cancelled, the run checkpoints and throws <see cref="RunStoppedException"/>, publishing nothing.</param>
    /// <param name="checkpointInterval">Wall time between checkpoints; null for the trainer's default (30 minutes).</param>
    public bool Execute(PlanItem item, TextWriter log, Action<Core.Training.MetricsRow>? onRow = null, CancellationToken budget = default,
                        TimeSpan? checkpointInterval = null)
    {
        if (item.NeedsData is { } dataset)
            throw new Core.Data.DataFormatException(
                $"{item.Run.DisplayName}: needs data: {dataset} is not in {DataDirectory}; run `repro data fetch --dataset {dataset}`");
        if (Store.Occupied(item.Key.Value) && Store.Problems(item.Key.Value).Count == 0)
        {
            log.WriteLine($"{item.Run.DisplayName}: cached ({item.Key})");
            return false;
        }
        // The key was planned from cached content hashes; the bytes themselves decide what trains.
        if (RunExecutor.DatasetOf(item.Run.Config) is { } reads) DataFingerprint.Confirm(reads, DataDirectory, item.Key.Inputs["data"]);
        using var runLock = RunLock.Acquire(Store.Root, item.Key.Value,
            () => log.WriteLine($"{item.Run.DisplayName}: another process is training it ({item.Key}); waiting"), cancel: budget);
        if (Store.OpenHoldingLock(item.Key.Value, corrupt => log.WriteLine($"{item.Run.DisplayName}: {corrupt}")) is not null)
        {
            log.WriteLine($"{item.Run.DisplayName}: cached ({item.Key}), trained by another process");
            return false;
        }
        string? startFrom = item.Parent is { } parent ? ParentFinalState(parent, log, budget, checkpointInterval) : null;
        if (WorkGuard.SetAsideForeign(Store.WorkFolder(item.Key.Value), item.Run.Config) is { } rejected)
            log.WriteLine($"{item.Run.DisplayName}: {rejected}");
        TorchRuntime.PinThreads(Threads);
        log.WriteLine($"{item.Run.DisplayName}: training ({item.Key})");
        var started = DateTime.UtcNow;
        Store.Publish(item.Key, item.Identity, work => RunExecutor.Execute(item.Run.Config, work, DataDirectory, log, onRow, budget, checkpointInterval, startFrom));
        log.WriteLine($"{item.Run.DisplayName}: done in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        return true;
    }

    /// <summary>
    /// The final parameters a continuing run starts from: its parent's entry (trained first when the store lacks it, so
    /// any batch of keys can hold a child without its parent), verified, and its final checkpoint.
    /// </summary>
    private string ParentFinalState(PlanItem parent, TextWriter log, CancellationToken budget, TimeSpan? checkpointInterval)
    {
        Execute(parent, log, onRow: null, budget, checkpointInterval);
        var entry = Store.Open(parent.Key.Value, corrupt => log.WriteLine($"{parent.Run.DisplayName}: {corrupt}"))
                    ?? throw new InvalidDataException($"{parent.Run.DisplayName} ({parent.Key}): not in the store after training it");
        var outcome = OutcomeFile.Load(entry.Directory);
        if (outcome.Diverged)
            throw new InvalidDataException($"{parent.Run.DisplayName} ({parent.Key}) diverged at step {outcome.DivergedAtStep}: there is no final iterate to continue");
        return Core.Training.Checkpoint.Final(entry.PathOf(RunFiles.Checkpoints))
               ?? throw new InvalidDataException($"{parent.Run.DisplayName} ({parent.Key}): its entry holds no final checkpoint");
    }

    /// <summary>
    /// Draws an artifact from its runs in the store and refreshes the gallery and CLAIMS.md. With a profile, every run of
    /// that profile must be cached; without one, each run group is drawn at the best profile the store holds
    /// (<see cref="ProfileChoice"/>) and a group with none is left out and named NOT RUN; if no group has one, it refuses
    /// as for the default profile.
    /// </summary>
    /// <param name="force">Draw even when the inputs equal the last render's (<see cref="RenderInputs"/>).</param>
    /// <param name="replaceCommitted">
    /// Draw even when the record in the results folder rests on a more complete profile than this store can give it
    /// (<see cref="CommittedProfiles"/>); without it such a record is kept and returned with <see cref="RenderRecord.KeptBecause"/>.
    /// </param>
    public RenderRecord Render(ExperimentSpec spec, string? profile, bool force = false, bool replaceCommitted = false) =>
        Render([spec], profile, force, replaceCommitted)[0];

    /// <summary>Draws each artifact as <see cref="Render(ExperimentSpec, string?, bool, bool)"/> does, then the gallery and CLAIMS.md once.</summary>
    public IReadOnlyList<RenderRecord> Render(IReadOnlyList<ExperimentSpec> specs, string? profile, bool force = false, bool replaceCommitted = false)
    {
        var records = new List<RenderRecord>();
        try
        {
            foreach (var spec in specs) records.Add(Draw(spec, profile, force, replaceCommitted));
        }
        finally
        {
            // Also after a failed artifact: the ones drawn before it are in the gallery and CLAIMS.md.
            Gallery.Write(Catalog, Results);
            ClaimsReport.Write(Catalog, Results);
        }
        return records;
    }

    private RenderRecord Draw(ExperimentSpec spec, string? profile, bool force, bool replaceCommitted)
    {
        IReadOnlyList<GroupChoice> choices = profile is null ? ProfileChoice.Best(Planner, spec) : [];
        if (profile is null && !replaceCommitted && RenderRecord.Load(Results, spec.Artifact) is { } committed
            && CommittedProfiles.KeepReason(committed, spec, choices) is { } keep)
            return committed with { KeptBecause = keep };
        if (choices.All(c => c.Profile is null))
        {
            profile ??= spec.DefaultProfile;
            var plan = Plan(spec, profile);
            var missing = plan.Where(p => p.Status != RunStatus.Cached).ToList();
            if (missing.Count > 0)
                throw new InvalidOperationException(
                    $"{spec.Artifact} ({profile}): {missing.Count} of {Format.Plural(plan.Count, "run")} {(missing.Count == 1 ? "is" : "are")} not in the store "
                    + $"({string.Join(", ", missing.Take(3).Select(m => m.Run.DisplayName))}{(missing.Count > 3 ? $" and {missing.Count - 3} more" : "")}); "
                    + $"train them with `./build.sh --target={spec.Artifact} --profile={profile}` (or `repro run --target {spec.Artifact} --profile {profile}`)");
            choices = [.. plan.GroupBy(p => p.Run.Group).Select(g => new GroupChoice(g.Key, profile, [.. g]))];
        }
        string inputs = RenderInputs.Of(spec, choices);
        if (!force && RenderRecord.Load(Results, spec.Artifact) is { } previous && previous.Inputs == inputs && previous.OutputsIntact(Results))
            return previous with { UpToDate = true };
        var machines = new SortedSet<string>(StringComparer.Ordinal);
        var runs = choices.Where(c => c.Profile is not null).SelectMany(c => c.Items.Select(p =>
        {
            // Opened for use: every file is checked against its hash before its numbers are read.
            string? corrupt = null;
            var entry = Store.Open(p.Key.Value, problem => corrupt = problem)
                        ?? throw new InvalidOperationException(
                            $"{spec.Artifact} ({c.Profile}): {p.Run.DisplayName}: {corrupt ?? "no entry"}; "
                            + $"run `dotnet cake --target={spec.Artifact} --profile={c.Profile}`");
            if (entry.Manifest.Machine is { } machine) machines.Add($"{machine.CpuModel} ({machine.ProcessorCount} cores)");
            return new FinishedRun(p.Run, MetricsCsv.Load(entry.PathOf(RunFiles.Metrics)), OutcomeFile.Load(entry.Directory),
                                   entry.Manifest.CreatedUtc, c.Profile!);
        })).ToList();
        var rendering = ArtifactRenderers.Find(spec.Renderer)!.Render(spec, runs, Results);
        var notRun = choices.Where(c => c.Profile is null).Select(c => c.Group).ToList();
        string scale = Scale.PerGroup(runs) + (notRun.Count > 0 ? $"; NOT RUN: {string.Join(", ", notRun)}" : "");
        var record = new RenderRecord(spec.Artifact, string.Join(" + ", choices.Select(c => c.Profile).OfType<string>().Distinct()), runs.Count,
                                      runs.Max(r => r.CreatedUtc), rendering.Figures, rendering.Tables,
                                      [.. rendering.Claims.Select(c => c with { Scale = scale })])
        {
            Scale = scale,
            Inputs = inputs,
            Machine = string.Join("; ", machines),
            DrawnUtc = DateTimeOffset.UtcNow,
            GroupProfiles = choices.Where(c => c.Profile is not null).ToDictionary(c => c.Group, c => c.Profile!),
            Sha256 = RenderRecord.HashesOf(Results, rendering.Figures.Concat(rendering.Tables)),
        };
        record.Save(Results);
        return record;
    }
}
