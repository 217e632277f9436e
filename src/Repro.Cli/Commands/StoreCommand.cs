using System.CommandLine;
using Repro.Pipeline.Planning;
using Repro.Pipeline.Regeneration;

namespace Repro.Cli.Commands;

/// <summary><c>repro store export-partial</c>: the partial work of some runs, for another machine to resume (see <see cref="PartialWork"/>).</summary>
public static class StoreCommand
{
    public static Command Create()
    {
        var command = new Command("store", "Move work between stores (finished entries move with `repro merge`).");
        command.Subcommands.Add(ExportPartial());
        return command;
    }

    private static Command ExportPartial()
    {
        var keys = new Option<string[]>("--keys") { Description = "The runs whose partial work to export (repeatable, or space-separated).", AllowMultipleArgumentsPerToken = true };
        var plan = new Option<string?>("--plan")
        {
            Description = "Instead of --keys: every missing run of this plan (`repro plan --json`), each batch's into a folder of its own, batch-<id> (the nightly's name for the batch).",
        };
        var to = new Option<string>("--to") { Description = "The folder to write (laid out as a store: `repro merge --from` it imports the work).", Required = true };
        var command = new Command("export-partial", "Copy the resumable partial work (checkpoints) of runs stopped at a time budget into a folder that `repro merge --from` imports.")
        {
            keys, plan, to,
        };
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var workspace = CommonOptions.OpenWorkspace(parse);
            string folder = parse.GetValue(to)!;
            var batches = parse.GetValue(plan) is { } file
                ? PlanDocument.Load(file).Batches.Select(b => new BatchReport(b, null)).Select(b => (Keys: b.Keys, To: Path.Combine(folder, $"batch-{b.Id}"))).ToList()
                : [(Keys: string.Join(" ", parse.GetValue(keys) ?? []), To: folder)];
            int wanted = 0, carried = 0;
            foreach (var (batch, into) in batches)
            {
                var batchKeys = batch.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var exported = PartialWork.Export(workspace.Store, batchKeys, into);
                foreach (var key in exported) Console.WriteLine($"resumes: {key}");
                wanted += batchKeys.Length;
                carried += exported.Count;
            }
            Console.WriteLine($"export-partial: {carried} of {wanted} runs have partial work to hand on");
            return 0;
        }));
        return command;
    }
}
