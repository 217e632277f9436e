using System.CommandLine;
using Repro.Pipeline;
using Repro.Pipeline.Datasets;
using Repro.Pipeline.Regeneration;
using Repro.Pipeline.Runs;

namespace Repro.Cli.Commands;

/// <summary><c>repro data fetch|where|verify</c>: the data sets in the data folder (<see cref="DataFolder"/>).</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Fetch, locate and verify the data sets (Fashion-MNIST, CIFAR-10).");
        command.Subcommands.Add(Fetch());
        command.Subcommands.Add(Where());
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Command Fetch()
    {
        var dataset = new Option<string[]>("--dataset") { Description = "fashion-mnist or cifar10 (repeatable; default: every data set the experiment files use)." };
        var target = new Option<string[]>("--target")
        {
            Description = "Instead of --dataset: the data sets these artifacts' runs need and the data folder lacks (repeatable, or space-separated; Default for all).",
            AllowMultipleArgumentsPerToken = true,
        };
        var keepGoing = new Option<bool>("--keep-going") { Description = "Exit 0 even when a data set could not be fetched: the runs that need it are left out of `repro plan --skip-unfetched`." };
        var command = new Command("fetch", "Download the data sets into the data folder, verifying each file against its official checksum; each on its own, so one that fails does not stop the others.")
        {
            dataset, Mirror, target, keepGoing, CommonOptions.Profile,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            string[] names;
            if (parse.GetValue(target) is { Length: > 0 } targets)
            {
                var workspace = CommonOptions.OpenWorkspace(parse);
                var policy = new RegenerationPolicy(workspace, null);
                string? profile = parse.GetValue(CommonOptions.Profile);
                names = [.. policy.Plan(policy.Artifacts(targets, profile), profile).NeedsData];
                if (names.Length == 0)
                {
                    Console.WriteLine($"data fetch: the data folder {workspace.DataDirectory} holds every data set these targets need");
                    return 0;
                }
            }
            else names = parse.GetValue(dataset) is { Length: > 0 } given ? given : UsedByExperiments(parse);
            var unfetched = FetchEach(parse, names);
            if (unfetched.Count == 0) return 0;
            // Each failure has had its one line; going on past them is worth a line of its own.
            if (!parse.GetValue(keepGoing)) return ExitCodes.Failed;
            Console.Error.WriteLine($"data fetch: could not fetch {string.Join(", ", unfetched)}; the runs that need it cannot be trained here");
            return 0;
        }));
        return command;
    }

    private static readonly Option<string[]> Mirror = new("--mirror")
    {
        Description = $"A base URL (http, https or file) serving the official file names, tried before {DataFetcher.MirrorsVariable} and the official addresses (repeatable).",
    };

    /// <summary>Fetches each data set on its own (one line on stderr for each that fails); returns those that could not be fetched.</summary>
    public static IReadOnlyList<string> FetchEach(ParseResult parse, IEnumerable<string> names)
    {
        string folder = DataFolder.Resolve(parse.GetValue(CommonOptions.Data));
        var mirrors = (parse.GetValue(Mirror) ?? []).Concat(DataFetcher.MirrorsFromEnvironment()).ToList();
        var stall = DownloadTimeout.FromEnvironment();
        using var http = Downloader.Client(stall);
        var fetcher = new DataFetcher(folder, mirrors, new Downloader(http, Console.Out, DownloadProgress.IsInteractive, stallTimeout: stall), Console.Out);
        var unfetched = new List<string>();
        foreach (var official in names.Select(OfficialData.Find).Distinct())
        {
            try
            {
                fetcher.Fetch(official);
            }
            catch (DataFetchException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                unfetched.Add(official.Name);
            }
        }
        return unfetched;
    }

    private static Command Where()
    {
        var command = new Command("where", "Print the data folder: --data, else REPRO_DATA, else the user cache.");
        command.SetAction(parse =>
        {
            Console.WriteLine(DataFolder.Resolve(parse.GetValue(CommonOptions.Data)));
            return 0;
        });
        return command;
    }

    private static Command Verify()
    {
        var command = new Command("verify", "Check each data set in the data folder against the official checksums; exit 1 if one differs.");
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            string folder = DataFolder.Resolve(parse.GetValue(CommonOptions.Data));
            Console.WriteLine($"data folder {folder}");
            var checks = OfficialData.All.Select(d => DataCheck.Check(d, folder)).ToList();
            foreach (var check in checks) Console.WriteLine($"{check.Dataset}: {check.Summary}");
            return checks.Any(c => c.Mismatch) ? 1 : 0;
        }));
        return command;
    }

    /// <summary>Every data set a run of any artifact at any profile reads; both when no project is found.</summary>
    private static string[] UsedByExperiments(ParseResult parse)
    {
        Workspace workspace;
        try
        {
            workspace = CommonOptions.OpenWorkspace(parse);
        }
        catch (DirectoryNotFoundException)
        {
            return OfficialData.All.Select(d => d.Name).ToArray();
        }
        return workspace.Catalog.Artifacts
            .SelectMany(spec => spec.Profiles.Keys.SelectMany(profile => spec.Resolve(profile)))
            .Select(run => RunExecutor.DatasetOf(run.Config))
            .OfType<string>().Distinct().ToArray();
    }
}
