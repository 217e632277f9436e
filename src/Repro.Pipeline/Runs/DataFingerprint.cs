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
/// (<see cref="ContentHash"/>), so planning stays fast.
/// </summary>
public static class DataFingerprint
{
    private static readonly ConcurrentDictionary<(string Dataset, string Folder), string> Known = new();

    /// <summary>The fingerprint, or null when the data set is not in <paramref name="dataDirectory"/> (the run needs data).</summary>
    public static string? Of(string dataset, string dataDirectory)
    {
        var id = (DatasetCatalog.Canonical(dataset), Path.GetFullPath(dataDirectory));
        if (Known.TryGetValue(id, out var known)) return known;
        IReadOnlyList<string> files;
        try
        {
            files = DatasetCatalog.Files(dataset, dataDirectory);
        }
        catch (DataFormatException)
        {
            return null;   // a file is missing; not remembered, so a fetch later in this process is seen
        }
        var lines = files.Select(file => $"{LogicalName(file)}:{ContentHash.Of(file)}");
        var fingerprint = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..32];
        return Known[id] = fingerprint;
    }

    private static string LogicalName(string file)
    {
        var name = Path.GetFileName(file);
        return name.EndsWith(".gz", StringComparison.Ordinal) ? name[..^3] : name;
    }
}
