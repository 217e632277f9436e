// Building and calling the `repro` tool. The graph reads what to run from `repro plan --json`,
// so the experiment files stay the single declaration of every run.
using System.Text.Json;

var configuration = Argument("configuration", "Release");
var profile = Argument("profile", "");
// --workers=N (or auto): train over N `repro run` processes side by side; default: in the build's own `repro`, which
// shows a live display on a terminal.
var workers = Argument("workers", "");
// --replace-committed: draw from this store even where results/ holds an artifact at a more complete profile.
var replaceCommitted = HasArgument("replace-committed");

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

/// <summary>
/// Runs `repro ARGUMENTS`; on failure the build stops with repro's own last error line (e.g. `not made: …` from
/// `repro regenerate`) as Cake's last line, with repro's exit code.
/// </summary>
void Repro(params string[] arguments)
{
    string lastError = null;
    int exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = ArgumentsOf([ReproDll(), .. arguments]),
        // stderr passes through line by line as it comes; the last line is kept for the failure's message.
        RedirectStandardError = true,
        RedirectedStandardErrorHandler = line =>
        {
            if (line is null) return line;
            Console.Error.WriteLine(line);
            if (line.Trim().Length > 0) lastError = line;
            return line;
        },
    });
    if (exit != 0) throw new CakeException(exit, lastError ?? $"repro {string.Join(" ", arguments)} failed with exit code {exit}");
}

string[] ProfileArguments() => profile.Length > 0 ? ["--profile", profile] : [];

string[] WorkerArguments() => workers.Length > 0 ? ["--workers", workers] : [];

string[] ReplaceArguments() => replaceCommitted ? ["--replace-committed"] : [];

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
