// One target per paper artifact (named as in experiments/*.yaml), depending on one task per run, so that
// `dotnet cake --tree` shows the graph and `--target=<artifact>` or `--target=<run>` picks a part of it. The work is
// the tool's (`repro regenerate`, docs/regeneration.md): plan → fetch the data the runs lack → train what is missing
// → render what is complete → one last line naming what could not be made. Starting `repro` costs about a second, so
// the artifact targets this invocation executes are regenerated in ONE `repro regenerate --target A B …`, run by the
// last of them; a run task trains its run alone only when it is itself the target.

// The test suite needs neither the plan nor the data the plan fingerprints.
string targetName = Argument("target", "Default");
bool wantsArtifacts = !string.Equals(targetName, "Test", StringComparison.OrdinalIgnoreCase);
if (wantsArtifacts) BuildRepro();
var artifacts = wantsArtifacts ? LoadPlan().GetProperty("artifacts").EnumerateArray().ToList() : new List<JsonElement>();
var artifactTargets = new List<string>();
var runTasks = new HashSet<string>();
var artifactsToRegenerate = new List<string>();   // the executing artifact tasks, in order

foreach (var artifact in artifacts)
{
    string name = artifact.GetProperty("name").GetString();
    string artifactProfile = artifact.GetProperty("profile").GetString();
    var target = Task(name)
        .Description($"{artifact.GetProperty("description").GetString()} [{artifactProfile}]")
        .Does(() => RegenerateIfLast(name));
    artifactTargets.Add(name);
    foreach (var run in artifact.GetProperty("runs").EnumerateArray())
    {
        string display = run.GetProperty("display").GetString();
        string identity = run.GetProperty("identity").GetString();
        if (runTasks.Add(display))
        {
            Task(display)
                .Description($"Train run {run.GetProperty("key").GetString()} into the store.")
                .Does(() =>
                {
                    if (!string.Equals(targetName, display, StringComparison.OrdinalIgnoreCase)) return;
                    // Its key is planned when it trains: after a data fetch, the fetched data's fingerprint is in it.
                    Repro(["data", "fetch", "--target", name, "--profile", artifactProfile]);
                    Repro(["run", "--identity", identity]);
                });
        }
        target.IsDependentOn(display);
    }
}

Setup(context =>
{
    var scheduled = context.TasksToExecute.Select(t => t.Name).ToHashSet();
    artifactsToRegenerate.AddRange(artifactTargets.Where(scheduled.Contains));
});

/// <summary>The last executing artifact regenerates them all; the earlier ones say so.</summary>
void RegenerateIfLast(string artifact)
{
    if (artifactsToRegenerate[^1] != artifact)
    {
        Information($"{artifact}: regenerated with the others at the end");
        return;
    }
    Repro(["regenerate", "--target", .. artifactsToRegenerate, .. ProfileArguments(), .. WorkerArguments(), .. ReplaceArguments()]);
}

var defaultTarget = Task("Default").Description("Every paper artifact at its default profile, into results/.");
foreach (var name in artifactTargets) defaultTarget.IsDependentOn(name);

Task("Status")
    .Description("Each artifact and run as cached, missing or stale, and why.")
    .Does(() => Repro(["status", .. ProfileArguments()]));
