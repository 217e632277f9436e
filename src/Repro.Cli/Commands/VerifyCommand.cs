using System.CommandLine;

namespace Repro.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Check every store entry against the SHA-256 of its files; move corrupt ones aside (exit 1 if any).");
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var store = CommonOptions.OpenWorkspace(parse).Store;
            var keys = Directory.Exists(store.Root)
                ? Directory.EnumerateDirectories(store.Root).Select(Path.GetFileName).Where(k => !k!.StartsWith('.') && store.Contains(k)).ToList()
                : [];
            int corrupt = 0;
            foreach (var key in keys)
            {
                var problems = store.Problems(key!);
                if (problems.Count == 0) continue;
                corrupt++;
                Console.WriteLine($"corrupt {key}: {string.Join("; ", problems)}; moved to {store.Quarantine(key!)}");
            }
            Console.WriteLine($"verified {keys.Count} entries in {store.Root}: {keys.Count - corrupt} intact, {corrupt} corrupt");
            return corrupt == 0 ? 0 : 1;
        }));
        return command;
    }
}
