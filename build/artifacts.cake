// One target per paper artifact (named as in experiments/*.yaml), depending on one task per run.
// A run task whose key is already in the store does nothing and says "cached". Artifacts drawn from one experiment
// file share its runs: each run is one task, defined once, that every such artifact depends on.
// Starting `repro` costs about a second per process, so the graph batches the work while keeping one task per run:
//   - an artifact's missing runs train in ONE `repro run --key K1 K2 …`, started by the first of its run tasks
//     that executes (the others then report that their run was trained in that batch);
//   - every artifact renders in ONE `repro render --target A B …`, from the last artifact task that executes.
// Which tasks execute is known in Setup, so `--target=<one run>` trains just that run, `--target=Figure3` just its runs.

// The test suite needs neither the plan nor the data the plan fingerprints.
bool wantsArtifacts = !string.Equals(Argument("target", "Default"), "Test", StringComparison.OrdinalIgnoreCase);
if (wantsArtifacts) BuildRepro();
var artifacts = wantsArtifacts ? LoadPlan().GetProperty("artifacts").EnumerateArray().ToList() : new List<JsonElement>();
var artifactTargets = new List<string>();
var runTasks = new HashSet<string>();
var runTasksOf = new Dictionary<string, List<(string Task, string Key, bool Cached, string Identity, string NeedsData)>>();   // artifact -> its run tasks
var trainedKeys = new HashSet<string>();
var scheduled = new HashSet<string>();                    // names of the tasks this invocation executes
var artifactsToRender = new List<string>();               // the executing artifact tasks, in order

// Data sets the chosen target's runs need and the data folder lacks: fetched (and verified) by `repro data fetch`
// before those runs. Their planned keys are provisional (no data, no fingerprint), so they re-plan after the fetch.
// A data set that cannot be fetched (no internet, a source down) blocks only the runs and artifacts that need it: the
// rest are still made, like `make -k`, and the build then fails naming what was left out and why.
var dataTask = Task("Data").Description("Fetch the data sets the target's runs need and the data folder lacks.");
var neededData = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);   // by task: artifact, run or Default
var unavailableData = new SortedSet<string>();
void NeedsData(string task, string dataset) { if (!neededData.ContainsKey(task)) neededData[task] = new SortedSet<string>(); neededData[task].Add(dataset); }
dataTask.Does(() =>
{
    if (!neededData.TryGetValue(Argument("target", "Default"), out var needed)) return;
    foreach (var dataset in needed)
    {
        // One fetch per data set, so one that fails does not take the others with it; `repro data fetch` has printed why.
        if (TryRepro(["data", "fetch", "--dataset", dataset]) != 0) unavailableData.Add(dataset);
    }
});
bool Unavailable(string dataset) => dataset is not null && unavailableData.Contains(dataset);
bool Blocked(string artifact) => runTasksOf[artifact].Any(r => Unavailable(r.NeedsData));
Dictionary<string, string> keysAfterFetch = null;
string KeyAfterFetch(string identity) =>
    (keysAfterFetch ??= LoadPlan().GetProperty("artifacts").EnumerateArray().SelectMany(a => a.GetProperty("runs").EnumerateArray())
        .GroupBy(r => r.GetProperty("identity").GetString())
        .ToDictionary(g => g.Key, g => g.First().GetProperty("key").GetString()))[identity];

foreach (var artifact in artifacts)
{
    string name = artifact.GetProperty("name").GetString();
    string artifactProfile = artifact.GetProperty("profile").GetString();
    var target = Task(name)
        .Description($"{artifact.GetProperty("description").GetString()} [{artifactProfile}]")
        // Renders each run group at the best profile the store holds (paper once cached), unless --profile names one.
        .Does(() => RenderIfLast(name));
    artifactTargets.Add(name);
    runTasksOf[name] = new List<(string, string, bool, string, string)>();

    foreach (var run in artifact.GetProperty("runs").EnumerateArray())
    {
        string key = run.GetProperty("key").GetString();
        string display = run.GetProperty("display").GetString();
        bool cached = run.GetProperty("status").GetString() == "cached";
        string needsData = run.TryGetProperty("needs_data", out var dataset) && dataset.ValueKind == JsonValueKind.String ? dataset.GetString() : null;
        string identity = run.GetProperty("identity").GetString();
        runTasksOf[name].Add((display, key, cached, identity, needsData));
        if (runTasks.Add(display))
        {
            string owner = name;   // a run shared by several artifacts is one task, trained in its first artifact's batch
            var runTask = Task(display)
                .Description($"Train run {key} into the store.")
                .Does(() =>
                {
                    if (cached) Information($"{display}: cached ({key})");
                    else if (Unavailable(needsData)) Warning($"{display}: not trained, {needsData} could not be fetched");
                    else if (trainedKeys.Contains(key)) Information($"{display}: trained in this artifact's batch ({key})");
                    else TrainBatch(owner);
                });
            if (needsData is not null) runTask.IsDependentOn("Data");
        }
        if (needsData is not null)
            foreach (var task in new[] { "Default", name, display }) NeedsData(task, needsData);
        target.IsDependentOn(display);
    }
}

Setup(context =>
{
    scheduled.UnionWith(context.TasksToExecute.Select(t => t.Name));
    artifactsToRender.AddRange(artifactTargets.Where(scheduled.Contains));
});

/// <summary>Trains every missing run of <paramref name="artifact"/> that this invocation executes, in one process.</summary>
void TrainBatch(string artifact)
{
    var runs = runTasksOf[artifact]
        .Where(r => !r.Cached && scheduled.Contains(r.Task) && !trainedKeys.Contains(r.Key) && !Unavailable(r.NeedsData))
        .ToList();
    if (runs.Count == 0) return;
    // A run whose data was fetched by the Data task has a new key (its data fingerprint is known only now).
    var keys = runs.Select(r => r.NeedsData is not null ? KeyAfterFetch(r.Identity) : r.Key).Distinct();
    Repro(["run", "--key", .. keys, .. ProfileArguments()]);
    trainedKeys.UnionWith(runs.Select(r => r.Key));
}

/// <summary>The last executing artifact renders them all; earlier ones wait for it (their runs are trained by then).</summary>
void RenderIfLast(string artifact)
{
    if (Blocked(artifact)) Warning($"{artifact}: not drawn, its runs need data that could not be fetched");
    if (artifactsToRender.Count > 0 && artifactsToRender[^1] != artifact)
    {
        if (!Blocked(artifact)) Information($"{artifact}: rendered with the others at the end");
        return;
    }
    var ready = artifactsToRender.DefaultIfEmpty(artifact).Where(a => !Blocked(a)).ToList();
    if (ready.Count > 0) Repro(["render", "--target", .. ready, .. ProfileArguments()]);
}

Teardown(context =>
{
    if (unavailableData.Count == 0) return;
    var left = artifactTargets.Where(a => scheduled.Contains(a) && Blocked(a)).ToList();
    throw new CakeException(1, $"not made: {(left.Count > 0 ? string.Join(", ", left) : "the runs")} (needing {string.Join(", ", unavailableData)}, " +
        "which could not be fetched; see above). Everything else is in results/.");
});

var defaultTarget = Task("Default").Description("Every paper artifact at its default profile, into results/.");
foreach (var name in artifactTargets) defaultTarget.IsDependentOn(name);

Task("Status")
    .Description("Each artifact and run as cached, missing or stale, and why.")
    .Does(() => Repro(["status", .. ProfileArguments()]));
