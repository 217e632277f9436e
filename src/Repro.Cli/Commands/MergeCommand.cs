using System.CommandLine;
using Repro.Pipeline.Store;

namespace Repro.Cli.Commands;

public static class MergeCommand
{
    /// <summary>
    /// Exit code when the good entries were imported but some were skipped (damaged, tampered or incomplete): distinct
    /// from 1 (the merge itself failed) and 2 (usage), so a gather step can import what is good and still see the rest.
    /// </summary>
    public const int SomeSkipped = Repro.Pipeline.Regeneration.ExitCodes.SomeSkipped;

    private static readonly Option<bool> AllowSkipped = new("--allow-skipped")
    {
        Description = $"Exit 0, not {SomeSkipped}, when bad entries were skipped (a gathering job: the skipped runs are planned and trained again).",
    };

    public static Command Create()
    {
        var from = new Option<string[]>("--from")
        {
            Description = "Store folders to copy complete entries (and resumable partial runs) from (repeatable). Each is untrusted: see docs/reliability.md.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("merge",
            $"Copy verified entries from other stores into this one; each bad entry is skipped with one line on stderr (exit {SomeSkipped} if any).") { from, AllowSkipped };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var store = CommonOptions.OpenWorkspace(parse).Store;
            int imported = 0, present = 0, carried = 0, skipped = 0;
            foreach (var source in parse.GetValue(from)!)
            {
                var report = StoreMerge.From(store, source);
                imported += report.Imported;
                present += report.Present;
                carried += report.WorkCarried;
                skipped += report.Skipped.Count;
                foreach (var line in report.Skipped) Console.Error.WriteLine(line);
            }
            Console.WriteLine($"merged {imported} new entries into {store.Root} ({present} already present)");
            if (carried > 0) Console.WriteLine($"carried {carried} partial runs to resume");
            if (skipped > 0) Console.WriteLine($"skipped {skipped} (see stderr)");
            return skipped == 0 || parse.GetValue(AllowSkipped) ? 0 : SomeSkipped;
        }));
        return command;
    }
}
