// One target per paper artifact (named as in experiments/*.yaml), depending on one task per run.
// A run task whose key is already in the store does nothing and says "cached". Artifacts drawn from one experiment
// file share its runs: each run is one task, defined once, that every such artifact depends on.

// The test suite needs neither the plan nor the data the plan fingerprints.
bool wantsArtifacts = !string.Equals(Argument("target", "Default"), "Test", StringComparison.OrdinalIgnoreCase);
if (wantsArtifacts) BuildRepro();
var artifacts = wantsArtifacts ? LoadPlan().GetProperty("artifacts").EnumerateArray().ToList() : new List<JsonElement>();
var artifactTargets = new List<string>();
var runTasks = new HashSet<string>();

// Data sets the chosen target's runs need and the data folder lacks: fetched (and verified) by `repro data fetch`
// before those runs. Their planned keys are provisional (no data, no fingerprint), so they re-plan after the fetch.
var dataTask = Task("Data").Description("Fetch the data sets the target's runs need and the data folder lacks.");
var neededData = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);   // by task: artifact, run or Default
void NeedsData(string task, string dataset) { if (!neededData.ContainsKey(task)) neededData[task] = new SortedSet<string>(); neededData[task].Add(dataset); }
dataTask.Does(() =>
{
    if (neededData.TryGetValue(Argument("target", "Default"), out var needed))
        Repro(["data", "fetch", .. needed.SelectMany(d => new[] { "--dataset", d })]);
});
Dictionary<string, string> keysAfterFetch = null;
string KeyAfterFetch(string identity) =>
    (keysAfterFetch ??= LoadPlan().GetProperty("artifacts").EnumerateArray().SelectMany(a => a.GetProperty("runs").EnumerateArray())
        .ToDictionary(r => r.GetProperty("identity").GetString(), r => r.GetProperty("key").GetString()))[identity];

foreach (var artifact in artifacts)
{
    string name = artifact.GetProperty("name").GetString();
    string artifactProfile = artifact.GetProperty("profile").GetString();
    var target = Task(name)
        .Description($"{artifact.GetProperty("description").GetString()} [{artifactProfile}]")
        // Renders each run group at the best profile the store holds (paper once cached), unless --profile names one.
        .Does(() => Repro(["render", "--target", name, .. ProfileArguments()]));
    artifactTargets.Add(name);

    foreach (var run in artifact.GetProperty("runs").EnumerateArray())
    {
        string key = run.GetProperty("key").GetString();
        string display = run.GetProperty("display").GetString();
        bool cached = run.GetProperty("status").GetString() == "cached";
        string needsData = run.TryGetProperty("needs_data", out var dataset) && dataset.ValueKind == JsonValueKind.String ? dataset.GetString() : null;
        string identity = run.GetProperty("identity").GetString();
        if (runTasks.Add(display))
        {
            var runTask = Task(display)
                .Description($"Train run {key} into the store.")
                .Does(() =>
                {
                    if (cached) Information($"{display}: cached ({key})");
                    else Repro("run", "--key", needsData is null ? key : KeyAfterFetch(identity));
                });
            if (needsData is not null) runTask.IsDependentOn("Data");
        }
        if (needsData is not null)
            foreach (var task in new[] { "Default", name, display }) NeedsData(task, needsData);
        target.IsDependentOn(display);
    }
}

var defaultTarget = Task("Default").Description("Every paper artifact at its default profile, into results/.");
foreach (var name in artifactTargets) defaultTarget.IsDependentOn(name);

Task("Status")
    .Description("Each artifact and run as cached, missing or stale, and why.")
    .Does(() => Repro(["status", .. ProfileArguments()]));
