using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using Repro.Core.Data;

namespace Repro.Pipeline.Datasets;

/// <summary>
/// The SHA-256 of a data file's content: of its decompressed bytes when it is gzip, so the same IDX data
/// re-compressed by Debian or anyone else hashes the same. Cached beside the file (<c>NAME.content-sha256</c>,
/// valid while the file's size and modification time match) so planning does not decompress 30 MB each time;
/// a read-only folder falls back to a cache in memory.
/// </summary>
public static class ContentHash
{
    public const string CacheSuffix = ".content-sha256";

    private static readonly ConcurrentDictionary<(string Path, long Size, long Ticks), string> InMemory = new();

    /// <summary>The content hash of <paramref name="path"/>, from its cache file when that is still valid.</summary>
    public static string Of(string path)
    {
        var info = new FileInfo(path);
        var stamp = $"{info.Length} {info.LastWriteTimeUtc.Ticks}";
        var cachePath = path + CacheSuffix;
        if (TryReadCache(cachePath, stamp) is { } cached)
            return cached;
        return InMemory.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc.Ticks), _ =>
        {
            var hash = Compute(path);
            Remember(path, hash);
            return hash;
        });
    }

    /// <summary>Writes the cache file for a file whose content hash is known (a download just verified).</summary>
    public static void Remember(string path, string hash)
    {
        var info = new FileInfo(path);
        if (!IsWritable(info.DirectoryName!)) return;
        try
        {
            File.WriteAllText(path + CacheSuffix, $"{hash} {info.Length} {info.LastWriteTimeUtc.Ticks}\n");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A read-only data folder (a system install, a shared mount): the in-memory cache serves this process.
        }
    }

    /// <summary>Hashes the content, decompressing gzip; a corrupt or truncated gzip stream is a <see cref="DataFormatException"/>.</summary>
    public static string Compute(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        try
        {
            using var content = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return Convert.ToHexStringLower(SHA256.HashData(content));
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DataFormatException($"{path}: corrupt or truncated gzip stream ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>
    /// A folder marked read-only stays untouched even for root (who could write it anyway): a shared or system
    /// copy of the data is not ours to add files to.
    /// </summary>
    private static bool IsWritable(string folder) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(folder) & UnixFileMode.UserWrite) != 0;

    private static string? TryReadCache(string cachePath, string stamp)
    {
        try
        {
            var parts = File.ReadAllText(cachePath).Trim().Split(' ', 2);
            return parts.Length == 2 && parts[1] == stamp && parts[0].Length == 64 ? parts[0] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
