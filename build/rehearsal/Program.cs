// The workflow rehearsal (issue 10.8): GitHub Actions cannot run here, so this runs the workflows' jobs the next best
// way, on this machine, as a fresh runner would see them:
//   dotnet run --project build/rehearsal -- --repo . --data ../shared/data \
//       --run .github/workflows/ci.yml \
//       --run .github/workflows/nightly.yml --input target="Figure3 FigureClippedAda" --input datasets=fashion-mnist \
//       --compare "Figure3 FigureClippedAda" --with results
// Each `--run` is one workflow run (in order; they share the Actions cache and the repository, so a second nightly
// continues the first). Exit 0 when every step passed (and the gathered results match), 1 naming the failed job and
// step, 2 for bad arguments.
using System.Diagnostics;
using Repro.Rehearsal;

try
{
    var options = Options.Parse(args);
    string work = options.Work ?? Directory.CreateTempSubdirectory("repro-rehearsal-").FullName;
    Directory.CreateDirectory(work);
    Shell.Say($"rehearsal: working in {work}");
    using var mirror = new Mirror(options.Data);
    Shell.Say($"rehearsal: mirror {mirror.Url} serving {string.Join(", ", mirror.FileNames.Order())}");
    var origin = new Origin(Path.GetFullPath(options.Repo), work);
    var machine = new Machine(work, origin, Path.Combine(work, "actions-cache"), mirror.Url, options.NuGetPackages, options.RacePush);
    var failures = new List<string>();
    WorkflowRun? lastWithResults = null;
    var total = Stopwatch.StartNew();
    foreach (var (workflow, inputs) in options.Runs)
    {
        var watch = Stopwatch.StartNew();
        var run = new WorkflowRun(machine, workflow, inputs);
        bool ok = run.Run();
        Shell.Say($"== {run.Name} run {run.RunId}: {(ok ? "every step passed" : "FAILED")} in {watch.Elapsed.TotalMinutes:F1} min");
        failures.AddRange(run.Failures);
        if (Directory.Exists(Path.Combine(run.Artifacts, "results"))) lastWithResults = run;
        // A later run (a second night) rehearses nothing useful after a failed one, and costs as much.
        if (!ok) break;
    }
    Shell.Say($"rehearsal: {options.Runs.Count} workflow runs in {total.Elapsed.TotalMinutes:F1} min; the mirror answered {mirror.Requests} requests");
    if (options.Compare is { } artifacts && failures.Count == 0)
    {
        if (lastWithResults is null) failures.Add("no run uploaded a results artifact to compare");
        else failures.AddRange(ResultsComparison.Differences(Path.Combine(lastWithResults.Artifacts, "results"), options.With!, artifacts));
    }
    if (!options.Keep && failures.Count == 0) Directory.Delete(work, recursive: true);
    foreach (var f in failures) Console.Error.WriteLine($"rehearsal: FAILED: {f}");
    Shell.Say(failures.Count == 0 ? "rehearsal: passed" : $"rehearsal: {failures.Count} failures (kept {work})");
    return failures.Count == 0 ? 0 : 1;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"rehearsal: {e.Message}");
    return 2;
}

/// <summary>The command line.</summary>
internal sealed class Options
{
    public string Repo { get; private set; } = ".";
    public string Data { get; private set; } = "";
    public string? Work { get; private set; }
    public bool Keep { get; private set; }
    public bool RacePush { get; private set; }
    public string NuGetPackages { get; private set; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    public List<(string Workflow, Dictionary<string, string> Inputs)> Runs { get; } = [];
    public IReadOnlyList<string>? Compare { get; private set; }
    public string? With { get; private set; }

    private const string Usage = "usage: rehearsal --repo DIR --data DIR [--work DIR] [--keep] [--race-push] [--nuget-packages DIR] "
                                 + "--run WORKFLOW [--input NAME=VALUE]... [--run ...] [--compare \"ARTIFACT...\" --with RESULTS_DIR]";

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value; {Usage}");
            switch (args[i])
            {
                case "--repo": o.Repo = Next(); break;
                case "--data": o.Data = Next(); break;
                case "--work": o.Work = Path.GetFullPath(Next()); break;
                case "--keep": o.Keep = true; break;
                case "--race-push": o.RacePush = true; break;
                case "--nuget-packages": o.NuGetPackages = Next(); break;
                case "--run": o.Runs.Add((Next(), [])); break;
                case "--input":
                    {
                        string pair = Next();
                        int eq = pair.IndexOf('=');
                        if (eq < 1 || o.Runs.Count == 0) throw new ArgumentException($"--input NAME=VALUE comes after a --run; got '{pair}'");
                        o.Runs[^1].Inputs[pair[..eq]] = pair[(eq + 1)..];
                        break;
                    }
                case "--compare": o.Compare = Next().Split(' ', StringSplitOptions.RemoveEmptyEntries); break;
                case "--with": o.With = Path.GetFullPath(Next()); break;
                default: throw new ArgumentException($"unknown argument {args[i]}; {Usage}");
            }
        }
        if (o.Runs.Count == 0 || o.Data.Length == 0) throw new ArgumentException(Usage);
        if (!Directory.Exists(o.Data)) throw new ArgumentException($"--data {o.Data}: no such folder");
        if ((o.Compare is null) != (o.With is null)) throw new ArgumentException("--compare and --with go together");
        if (!Directory.Exists(o.NuGetPackages)) throw new ArgumentException($"NuGet packages folder {o.NuGetPackages} does not exist (--nuget-packages)");
        return o;
    }
}
