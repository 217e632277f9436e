using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Repro.Core.Data;

namespace Repro.Pipeline.Runs;

/// <summary>
/// The content of the data a run reads, for its key: the SHA-256 of every file in the data set's folder, by name.
/// Content, not paths, so the same data on any machine gives the same key. Computed once per folder per process.
/// </summary>
public static class DataFingerprint
{
    private static readonly ConcurrentDictionary<string, string> Known = new();

    public static string Of(string dataset, string dataDirectory)
    {
        string folder = DatasetCatalog.Folder(dataset, dataDirectory);
        return Known.GetOrAdd(Path.GetFullPath(folder), Compute);
    }

    private static string Compute(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DataFormatException($"{folder}: data folder not found; set REPRO_DATA to the folder holding fashion-mnist/ and cifar-10-batches-bin/");
        var lines = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(file =>
        {
            using var stream = File.OpenRead(file);
            return $"{Path.GetFileName(file)}:{Convert.ToHexStringLower(SHA256.HashData(stream))}";
        });
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..32];
    }
}
