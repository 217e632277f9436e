// One target per paper artifact (named as in experiments/*.yaml), depending on one task per run.
// A run task whose key is already in the store does nothing and says "cached".
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
var runTasksOf = new Dictionary<string, List<(string Task, string Key, bool Cached)>>();   // artifact -> its run tasks
var trainedKeys = new HashSet<string>();
var scheduled = new HashSet<string>();                    // names of the tasks this invocation executes
var artifactsToRender = new List<string>();               // the executing artifact tasks, in order

foreach (var artifact in artifacts)
{
    string name = artifact.GetProperty("name").GetString();
    string artifactProfile = artifact.GetProperty("profile").GetString();
    var target = Task(name)
        .Description($"{artifact.GetProperty("description").GetString()} [{artifactProfile}]")
        // Renders each run group at the best profile the store holds (paper once cached), unless --profile names one.
        .Does(() => RenderIfLast(name));
    artifactTargets.Add(name);
    runTasksOf[name] = new List<(string, string, bool)>();

    foreach (var run in artifact.GetProperty("runs").EnumerateArray())
    {
        string key = run.GetProperty("key").GetString();
        string display = run.GetProperty("display").GetString();
        bool cached = run.GetProperty("status").GetString() == "cached";
        runTasksOf[name].Add((display, key, cached));
        Task(display)
            .Description($"Train run {key} into the store.")
            .Does(() =>
            {
                if (cached) Information($"{display}: cached ({key})");
                else if (trainedKeys.Contains(key)) Information($"{display}: trained in this artifact's batch ({key})");
                else TrainBatch(name);
            });
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
    var keys = runTasksOf[artifact].Where(r => !r.Cached && scheduled.Contains(r.Task) && !trainedKeys.Contains(r.Key))
                                   .Select(r => r.Key).Distinct().ToList();
    Repro($"run --key {string.Join(" ", keys)}{ProfileArgument()}");
    trainedKeys.UnionWith(keys);
}

/// <summary>The last executing artifact renders them all; earlier ones wait for it (their runs are trained by then).</summary>
void RenderIfLast(string artifact)
{
    if (artifactsToRender.Count > 0 && artifactsToRender[^1] != artifact)
    {
        Information($"{artifact}: rendered with the others at the end");
        return;
    }
    Repro($"render --target {string.Join(" ", artifactsToRender.DefaultIfEmpty(artifact))}{ProfileArgument()}");
}

var defaultTarget = Task("Default").Description("Every paper artifact at its default profile, into results/.");
foreach (var name in artifactTargets) defaultTarget.IsDependentOn(name);

Task("Status")
    .Description("Each artifact and run as cached, missing or stale, and why.")
    .Does(() => Repro($"status{ProfileArgument()}"));
