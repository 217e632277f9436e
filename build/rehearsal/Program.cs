// The workflow rehearsal (issue 10.8): GitHub Actions cannot run here, so this runs the workflows' jobs the next best
// way, on this machine, as a fresh runner would see them:
//   dotnet run --project build/rehearsal -- --repo . --data DATA-FOLDER --with results \
//       --run .github/workflows/nightly.yml --input target="Figure3 FigureClippedAda" --input time_budget=1 \
//       --run .github/workflows/nightly.yml --input target="Figure3 FigureClippedAda" --compare "Figure3 FigureClippedAda" \
//       --run .github/workflows/ci.yml
// Each `--run` is one workflow run (in order; they share the Actions cache and the repository, so a second nightly
// continues the first); `--input` and `--compare` belong to the `--run` before them: `--compare` checks that run's
// uploaded `results` against the single-machine render in `--with`. Exit 0 when every step passed and the results
// match, 1 naming the failed job and step (or the differing file), 2 for bad arguments.
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
    var machine = new Machine(work, origin, Path.Combine(work, "actions-cache"), mirror.Url, options.NuGetPackages, options.RacePush, options.Keep);
    var failures = new List<string>();
    var total = Stopwatch.StartNew();
    string? skip = null;
    foreach (var (workflow, inputs, compare) in options.Runs)
    {
        if (workflow == skip)
        {
            Shell.Say($"== {workflow}: not run (its previous run failed)");
            continue;
        }
        var watch = Stopwatch.StartNew();
        var run = new WorkflowRun(machine, workflow, inputs);
        bool ok = run.Run();
        Shell.Say($"== {run.Name} run {run.RunId}: {(ok ? "every step passed" : "FAILED")} in {watch.Elapsed.TotalMinutes:F1} min");
        failures.AddRange(run.Failures);
        if (ok && compare is not null)
            failures.AddRange(Directory.Exists(Path.Combine(run.Artifacts, "results"))
                ? ResultsComparison.Differences(Path.Combine(run.Artifacts, "results"), options.With!, compare)
                : [$"{run.Name} run {run.RunId} uploaded no results artifact to compare"]);
        // A second run of the same workflow (a second night) rehearses nothing useful after a failed one, and costs as much.
        if (!ok) skip = workflow;
    }
    Shell.Say($"rehearsal: {options.Runs.Count} workflow runs in {total.Elapsed.TotalMinutes:F1} min; the mirror answered {mirror.Requests} requests");
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
catch (Exception e) when (e is InvalidOperationException or IOException or FormatException or YamlDotNet.Core.YamlException)
{
    // The rehearsal itself could not go on (a git command, a workflow file it cannot read): one line, exit 1.
    Console.Error.WriteLine($"rehearsal: FAILED: {e.Message}");
    return 1;
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
    public List<(string Workflow, Dictionary<string, string> Inputs, List<string>? Compare)> Runs { get; } = [];
    public string? With { get; private set; }

    private const string Usage = "usage: rehearsal --repo DIR --data DIR [--work DIR] [--keep] [--race-push] [--nuget-packages DIR] "
                                 + "[--with RESULTS_DIR] --run WORKFLOW [--input NAME=VALUE]... [--compare \"ARTIFACT...\"] [--run ...]";

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
                case "--run": o.Runs.Add((Next(), [], null)); break;
                case "--input":
                    {
                        string pair = Next();
                        int eq = pair.IndexOf('=');
                        if (eq < 1 || o.Runs.Count == 0) throw new ArgumentException($"--input NAME=VALUE comes after a --run; got '{pair}'");
                        o.Runs[^1].Inputs[pair[..eq]] = pair[(eq + 1)..];
                        break;
                    }
                case "--compare":
                    if (o.Runs.Count == 0) throw new ArgumentException("--compare comes after the --run whose results it checks");
                    o.Runs[^1] = o.Runs[^1] with { Compare = Next().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList() };
                    break;
                case "--with": o.With = Path.GetFullPath(Next()); break;
                default: throw new ArgumentException($"unknown argument {args[i]}; {Usage}");
            }
        }
        if (o.Runs.Count == 0 || o.Data.Length == 0) throw new ArgumentException(Usage);
        if (!Directory.Exists(o.Data)) throw new ArgumentException($"--data {o.Data}: no such folder");
        if (o.Runs.Any(r => r.Compare is not null) && o.With is null) throw new ArgumentException("--compare needs --with RESULTS_DIR");
        if (!Directory.Exists(o.NuGetPackages)) throw new ArgumentException($"NuGet packages folder {o.NuGetPackages} does not exist (--nuget-packages)");
        return o;
    }
}
