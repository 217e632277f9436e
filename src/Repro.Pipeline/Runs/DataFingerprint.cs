using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Repro.Core.Data;
using Repro.Pipeline.Datasets;

namespace Repro.Pipeline.Runs;

/// <summary>
/// The content of the data a run reads, for its key: the decompressed SHA-256 of exactly the files it opens, by
/// name without <c>.gz</c>. Content, not bytes or paths, so the same data re-compressed or on another machine gives
/// the same key, and other files in the folder change nothing. The per-file hashes are cached beside the files
/// (<see cref="ContentHash"/>), so planning stays fast; before a run trains, <see cref="Confirm"/> re-hashes the
/// content, so a file changed in place never trains under the key of the content it had.
/// </summary>
public static class DataFingerprint
{
    private static readonly ConcurrentDictionary<(string Dataset, string Folder), (string Fingerprint, long Generation)> Known = new();

    /// <summary>The fingerprint, or null when the data set is not in <paramref name="dataDirectory"/> (the run needs data).</summary>
    public static string? Of(string dataset, string dataDirectory)
    {
        var id = (DatasetCatalog.Canonical(dataset), Path.GetFullPath(dataDirectory));
        if (Known.TryGetValue(id, out var known) && known.Generation == ContentHash.Generation) return known.Fingerprint;
        long generation = ContentHash.Generation;
        return Files(dataset, dataDirectory) is { } files ? Remember(id, Combine(files, ContentHash.Of), generation) : null;
    }

    /// <summary>
    /// Re-hashes the data's content (no cache) and throws a one-line <see cref="DataFormatException"/> when it is not
    /// <paramref name="planned"/>: the cached hashes were stale (now replaced), so the run's key is not the content's.
    /// Confirmed once per data folder per process.
    /// </summary>
    public static void Confirm(string dataset, string dataDirectory, string planned)
    {
        var id = (DatasetCatalog.Canonical(dataset), Path.GetFullPath(dataDirectory));
        lock (Confirmed)
        {
            if (Confirmed.Contains(id)) return;
            var files = Files(dataset, dataDirectory)
                        ?? throw new DataFormatException($"{dataset}: its files left {dataDirectory} after planning");
            var actual = Remember(id, Combine(files, ContentHash.Verified), ContentHash.Generation);
            if (actual != planned)
                throw new DataFormatException(
                    $"{dataset} in {dataDirectory}: the content changed since its hashes were cached (planned {planned}, now {actual}); "
                    + "the cache is corrected, plan again (`repro data verify` says what differs)");
            Confirmed.Add(id);
        }
    }

    private static readonly HashSet<(string, string)> Confirmed = [];

    private static IReadOnlyList<string>? Files(string dataset, string dataDirectory)
    {
        try
        {
            return DatasetCatalog.Files(dataset, dataDirectory);
        }
        catch (DataFormatException)
        {
            return null;   // a file is missing; not remembered, so a fetch later in this process is seen
        }
    }

    private static string Combine(IReadOnlyList<string> files, Func<string, string> hash)
    {
        var lines = files.Select(file => $"{LogicalName(file)}:{hash(file)}");
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..32];
    }

    private static string Remember((string, string) id, string fingerprint, long generation)
    {
        Known[id] = (fingerprint, generation);
        return fingerprint;
    }

    private static string LogicalName(string file)
    {
        var name = Path.GetFileName(file);
        return name.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name;
    }
}
