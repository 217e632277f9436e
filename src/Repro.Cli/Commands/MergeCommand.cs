using System.CommandLine;
using Repro.Pipeline.Store;

namespace Repro.Cli.Commands;

public static class MergeCommand
{
    public static Command Create()
    {
        var from = new Option<string[]>("--from")
        {
            Description = "Store folders to copy complete entries from (repeatable).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("merge", "Copy complete entries from other stores into this one (each verified against its manifest).") { from };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var store = CommonOptions.OpenWorkspace(parse).Store;
            int imported = 0, present = 0;
            foreach (var source in parse.GetValue(from)!)
            {
                if (!Directory.Exists(source)) throw new ArgumentException($"{source}: no such store folder");
                foreach (var entry in new RunStore(source).Entries())
                    if (store.Import(entry)) imported++; else present++;
            }
            Console.WriteLine($"merged {imported} new entries into {store.Root} ({present} already present)");
            return 0;
        }));
        return command;
    }
}
