using System.CommandLine;
using System.Globalization;
using Repro.Pipeline;
using Repro.Pipeline.Store;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro reproduce --key K</c>: retrains a cached run into a temporary store, here and now, and compares the two
/// entries: "identical", or the largest relative difference per metrics column. Exit 0 when identical, 1 when not.
/// </summary>
public static class ReproduceCommand
{
    public static Command Create()
    {
        var key = new Option<string>("--key") { Description = "The key of a cached run (see `repro plan`).", Required = true };
        var command = new Command("reproduce", "Retrain a cached run into a temporary store and compare: identical, or the largest relative difference per column.")
        {
            key, CommonOptions.Profile, CommonOptions.Device,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            string wanted = parse.GetValue(key)!;
            var item = RunCommand.Planned(workspace, CommonOptions.ProfileOf(parse, workspace), [wanted])[wanted];
            string? corrupt = null;
            var cached = workspace.Store.Open(wanted, problem => corrupt = problem)
                         ?? throw new ArgumentException(corrupt ?? $"{wanted}: not in the store {workspace.Store.Root}; `repro run --key {wanted}` first");
            var temporary = Directory.CreateTempSubdirectory("repro-reproduce-");
            try
            {
                var scratch = Workspace.Open(workspace.Root, store: temporary.FullName, threads: workspace.Threads, data: workspace.DataDirectory);
                scratch.Execute(item, TextWriter.Null);
                var fresh = scratch.Store.Find(wanted)!;
                Console.WriteLine($"{item.Run.DisplayName} ({wanted}): cached on {Describe(cached)}; retrained on {Describe(fresh)}");
                var comparison = EntryComparison.Of(cached, fresh);
                if (comparison.Identical)
                {
                    Console.WriteLine("identical: every file has the same SHA-256");
                    return 0;
                }
                Console.WriteLine($"differs: {string.Join(", ", comparison.DifferingFiles)}");
                if (comparison.RowCountNote is { } note) Console.WriteLine(note);
                foreach (var column in comparison.Columns)
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-24} largest relative difference {1:G3}", column.Column, column.LargestRelative));
                return 1;
            }
            finally
            {
                temporary.Delete(recursive: true);
            }
        }));
        return command;
    }

    private static string Describe(StoreEntry entry) => entry.Manifest.Machine is { } m
        ? $"{m.CpuModel}, {m.CpuCapability} kernels, {m.Os}, {m.WallSeconds:F1} s"
        : "an unrecorded machine";
}
