using System.CommandLine;
using Repro.Pipeline;
using Repro.Pipeline.Settings;
using Repro.Pipeline.Specs;

namespace Repro.Cli.Commands;

/// <summary>Options every pipeline command shares, and the one place that turns failures into exit codes.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Root = new("--root") { Description = "Project folder (default: found upwards from here).", Recursive = true };
    public static readonly Option<string?> Store = new("--store") { Description = "Run store folder (default: REPRO_STORE, else .repro/store).", Recursive = true };
    public static readonly Option<int?> Threads = new("--threads") { Description = "Threads every run is pinned to; part of each run key (default: REPRO_THREADS, else 2).", Recursive = true };
    public static readonly Option<string?> Data = new("--data") { Description = "Data folder holding fashion-mnist/ and cifar-10-batches-bin/ (default: REPRO_DATA, else the user cache; `repro data where` prints it).", Recursive = true };
    public static readonly Option<string?> Device = new("--device") { Description = "Device every trainer run uses instead of its `device` field: auto, cpu or cuda (the CUDA build, see docs/gpu.md); part of each run key (default: REPRO_DEVICE, else each run's field)." };
    public static readonly Option<string?> Profile = new("--profile") { Description = "Profile to plan, run or render (default: each artifact's default_profile)." };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Root);
        root.Options.Add(Store);
        root.Options.Add(Threads);
        root.Options.Add(Data);
    }

    /// <summary>--threads (results depend on it), else REPRO_THREADS, else 2 on every machine.</summary>
    public static int ThreadCount(ParseResult parse) => ReproSettings.ResolveThreads(parse.GetValue(Threads), Environment.GetEnvironmentVariable);

    /// <summary>The one place flags and environment become settings; everything below the CLI is handed the result.</summary>
    public static ReproSettings Settings(ParseResult parse) =>
        ReproSettings.Resolve(parse.GetValue(Root), parse.GetValue(Store), parse.GetValue(Threads), parse.GetValue(Data),
                              Environment.GetEnvironmentVariable, Repro.Pipeline.Datasets.DataFolder.Resolve, parse.GetValue(Device));

    public static Workspace OpenWorkspace(ParseResult parse) => Workspace.Open(Settings(parse));

    /// <summary>
    /// --profile, checked against the profiles the experiment files declare: a typo (<c>--profile papr</c>) is an error of
    /// the command line, not of the first experiment file that lacks it.
    /// </summary>
    public static string? ProfileOf(ParseResult parse, Workspace workspace)
    {
        string? profile = parse.GetValue(Profile);
        if (profile is null) return null;
        var declared = workspace.Catalog.Artifacts.SelectMany(a => a.Profiles.Keys).Distinct().ToList();
        return declared.Contains(profile) ? profile
            : throw new ArgumentException($"--profile {SpecException.OneLine(profile)}: no experiment file declares this profile (declared: {string.Join(", ", declared)})");
    }

    /// <summary>
    /// Runs the parsed command; a usage error (unknown option, missing value, unparsable number...) is one line on
    /// stderr and exit code 2, like every other bad input, instead of System.CommandLine's errors plus help text.
    /// </summary>
    public static int Invoke(ParseResult parse)
    {
        if (parse.Errors.Count == 0) return parse.Invoke();
        Console.Error.WriteLine($"error: {string.Join("; ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ")))} (see --help)");
        return 2;
    }

    /// <summary>Exit 2 with one line for bad input (experiment files, arguments); 1 for failures of the work itself.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Repro.Pipeline.Runs.RunStoppedException e)
        {
            Console.Error.WriteLine(e.Message);
            return TimeBudget.ExitCode;
        }
        catch (SpecException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or DirectoryNotFoundException or Repro.Core.Data.DataFormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        // The file system refusing (a full disk, a read-only folder, a file where a folder belongs) or a wait timing out: one line, never a trace.
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
