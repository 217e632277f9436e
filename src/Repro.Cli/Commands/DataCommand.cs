using System.CommandLine;
using Repro.Pipeline;
using Repro.Pipeline.Datasets;
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
        var mirror = new Option<string[]>("--mirror")
        {
            Description = $"A base URL (http, https or file) serving the official file names, tried before {DataFetcher.MirrorsVariable} and the official addresses (repeatable).",
        };
        var command = new Command("fetch", "Download the data sets into the data folder, verifying each file against its official checksum.") { dataset, mirror };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            string folder = DataFolder.Resolve(parse.GetValue(CommonOptions.Data));
            var names = parse.GetValue(dataset) is { Length: > 0 } given ? given : UsedByExperiments(parse);
            var datasets = names.Select(OfficialData.Find).Distinct().ToList();
            var mirrors = (parse.GetValue(mirror) ?? []).Concat(DataFetcher.MirrorsFromEnvironment()).ToList();
            var stall = DownloadTimeout.FromEnvironment();
            using var http = Downloader.Client(stall);
            var fetcher = new DataFetcher(folder, mirrors, new Downloader(http, Console.Out, DownloadProgress.IsInteractive, stallTimeout: stall), Console.Out);
            foreach (var official in datasets) fetcher.Fetch(official);
            return 0;
        }));
        return command;
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
