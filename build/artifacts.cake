// One target per paper artifact (named as in experiments/*.yaml), depending on one task per run.
// A run task whose key is already in the store does nothing and says "cached".

// The test suite needs neither the plan nor the data the plan fingerprints.
bool wantsArtifacts = !string.Equals(Argument("target", "Default"), "Test", StringComparison.OrdinalIgnoreCase);
if (wantsArtifacts) BuildRepro();
var artifacts = wantsArtifacts ? LoadPlan().GetProperty("artifacts").EnumerateArray().ToList() : new List<JsonElement>();
var artifactTargets = new List<string>();

foreach (var artifact in artifacts)
{
    string name = artifact.GetProperty("name").GetString();
    string artifactProfile = artifact.GetProperty("profile").GetString();
    var target = Task(name)
        .Description($"{artifact.GetProperty("description").GetString()} [{artifactProfile}]")
        // Renders each run group at the best profile the store holds (paper once cached), unless --profile names one.
        .Does(() => Repro($"render --target {name}{ProfileArgument()}"));
    artifactTargets.Add(name);

    foreach (var run in artifact.GetProperty("runs").EnumerateArray())
    {
        string key = run.GetProperty("key").GetString();
        string display = run.GetProperty("display").GetString();
        bool cached = run.GetProperty("status").GetString() == "cached";
        Task(display)
            .Description($"Train run {key} into the store.")
            .Does(() =>
            {
                if (cached) Information($"{display}: cached ({key})");
                else Repro($"run --key {key}");
            });
        target.IsDependentOn(display);
    }
}

var defaultTarget = Task("Default").Description("Every paper artifact at its default profile, into results/.");
foreach (var name in artifactTargets) defaultTarget.IsDependentOn(name);

Task("Status")
    .Description("Each artifact and run as cached, missing or stale, and why.")
    .Does(() => Repro($"status{ProfileArgument()}"));
