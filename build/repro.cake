// Building and calling the `repro` tool. The graph reads what to run from `repro plan --json`,
// so the experiment files stay the single declaration of every run.
using System.Text.Json;

var configuration = Argument("configuration", "Release");
var profile = Argument("profile", "");

string ReproDll() => $"src/Repro.Cli/bin/{configuration}/net10.0/repro.dll";

// MSBuild's own up-to-date check costs ~10 s of CPU even when nothing changed (it evaluates every project), most of
// a no-op ./build.sh; so the build is skipped when repro.dll is newer than every file that goes into it.
bool ReproIsUpToDate()
{
    var dll = new FileInfo(ReproDll());
    if (!dll.Exists) return false;
    var inputs = GetFiles("./src/**/*.{cs,csproj,json}")
        .Where(f => !f.FullPath.Contains("/bin/") && !f.FullPath.Contains("/obj/"))
        .Concat(GetFiles("./{Directory.Build.props,Directory.Packages.props,global.json}"));
    return inputs.All(f => System.IO.File.GetLastWriteTimeUtc(f.FullPath) < dll.LastWriteTimeUtc);
}

void BuildRepro()
{
    if (ReproIsUpToDate())
    {
        Information("repro is up to date (no source newer than its build)");
        return;
    }
    DotNetBuild("src/Repro.Cli/Repro.Cli.csproj", new DotNetBuildSettings
    {
        Configuration = configuration,
        Verbosity = DotNetVerbosity.Quiet,
        NoLogo = true,
    });
}

// Arguments go to the child process as a list (each one quoted by Cake), never pasted into one string.
ProcessArgumentBuilder ArgumentsOf(IEnumerable<string> arguments)
{
    var builder = new ProcessArgumentBuilder();
    foreach (var argument in arguments) builder.AppendQuoted(argument);
    return builder;
}

void Repro(params string[] arguments)
{
    int exit = TryRepro(arguments);
    if (exit != 0) throw new CakeException(exit, $"repro {string.Join(" ", arguments)} failed with exit code {exit}");
}

/// <summary>Runs `repro ARGUMENTS` and returns its exit code: for a step whose failure the graph handles itself.</summary>
int TryRepro(params string[] arguments) =>
    StartProcess("dotnet", new ProcessSettings { Arguments = ArgumentsOf([ReproDll(), .. arguments]) });

string[] ProfileArguments() => profile.Length > 0 ? ["--profile", profile] : [];

JsonElement LoadPlan()
{
    int exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = ArgumentsOf([ReproDll(), "plan", "--json", .. ProfileArguments()]),
        RedirectStandardOutput = true,
    }, out IEnumerable<string> output);
    if (exit != 0) throw new CakeException(exit, $"repro plan failed with exit code {exit} (its error is printed above)");
    return JsonDocument.Parse(string.Join("\n", output)).RootElement;
}
