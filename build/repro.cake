// Building and calling the `repro` tool. The graph reads what to run from `repro plan --json`,
// so the experiment files stay the single declaration of every run.
using System.Text.Json;

var configuration = Argument("configuration", "Release");
var profile = Argument("profile", "");

string ReproDll() => $"src/Repro.Cli/bin/{configuration}/net10.0/repro.dll";

void BuildRepro()
{
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
    int exit = StartProcess("dotnet", new ProcessSettings { Arguments = ArgumentsOf([ReproDll(), .. arguments]) });
    if (exit != 0) throw new CakeException(exit, $"repro {string.Join(" ", arguments)} failed with exit code {exit}");
}

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
