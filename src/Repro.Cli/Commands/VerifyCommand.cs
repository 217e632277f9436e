using System.CommandLine;
using Repro.Pipeline.Store;

namespace Repro.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Check every store entry against the SHA-256 of its files; move corrupt ones aside (exit 1 if any).");
        command.SetAction(parse => CommonOptions.Guard(() =>
        {
            var store = CommonOptions.OpenWorkspace(parse).Store;
            // Everything at an entry's path is checked: a folder without a manifest or a stray file wedges its key otherwise.
            var keys = Directory.Exists(store.Root)
                ? Directory.EnumerateFileSystemEntries(store.Root).Select(Path.GetFileName).Where(name => !name!.StartsWith('.')).Order(StringComparer.Ordinal).ToList()
                : [];
            int corrupt = 0;
            foreach (var key in keys)
            {
                var problems = EntryPath.IsKey(key!) ? store.Problems(key!) : ["not an entry (its name is not a key)"];
                if (problems.Count == 0) continue;
                string movedTo;
                using (RunLock.Acquire(store.Root, key!))
                {
                    // Looked at again under the lock: a run may have replaced it with a good entry meanwhile.
                    if (!Path.Exists(Path.Combine(store.Root, key!)) && new FileInfo(Path.Combine(store.Root, key!)).LinkTarget is null) continue;
                    if (EntryPath.IsKey(key!) && (problems = store.Problems(key!)).Count == 0) continue;
                    movedTo = store.Quarantine(key!);
                }
                corrupt++;
                Console.WriteLine($"corrupt {EntryPath.Printable(key!)}: {string.Join("; ", problems)}; moved to {movedTo}");
            }
            Console.WriteLine($"verified {keys.Count} entries in {store.Root}: {keys.Count - corrupt} intact, {corrupt} corrupt");
            return corrupt == 0 ? 0 : 1;
        }));
        return command;
    }
}
