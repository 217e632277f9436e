using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using Repro.Core.Data;
using Repro.Pipeline.Files;

namespace Repro.Pipeline.Datasets;

/// <summary>
/// The SHA-256 of a data file's content: of its decompressed bytes when it is gzip, so the same IDX data
/// re-compressed by Debian or anyone else hashes the same. Cached beside the file (<c>NAME.content-sha256</c>,
/// valid while the file's size and modification time match) so planning does not decompress 30 MB each time;
/// a read-only folder falls back to a cache in memory. The cache only ever speeds up planning: verification
/// (<see cref="Verified"/>) re-hashes the content, and a mismatch it finds replaces the cached hash, so a file changed
/// in place (bit rot, an edit that kept the size and time) gets keys that follow its content.
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

    /// <summary>
    /// The content hash computed from the bytes now, never from a cache; a cached hash that disagrees is replaced (and
    /// <see cref="Generation"/> moves on, so fingerprints built from it are recomputed).
    /// </summary>
    public static string Verified(string path)
    {
        var info = new FileInfo(path);
        string hash = Compute(path);
        var stamp = $"{info.Length} {info.LastWriteTimeUtc.Ticks}";
        var memory = (info.FullName, info.Length, info.LastWriteTimeUtc.Ticks);
        bool stale = TryReadCache(path + CacheSuffix, stamp) is { } cached && cached != hash
                     || InMemory.TryGetValue(memory, out var remembered) && remembered != hash;
        if (stale)
        {
            Invalidate(path);
            Interlocked.Increment(ref generation);
        }
        InMemory[memory] = hash;
        Remember(path, hash);
        return hash;
    }

    /// <summary>Moves on whenever a cached hash was found wrong; anything derived from cached hashes is stale then.</summary>
    public static long Generation => Interlocked.Read(ref generation);

    private static long generation;

    /// <summary>Forgets every cached hash of <paramref name="path"/>: the file beside it and the one in memory.</summary>
    public static void Invalidate(string path)
    {
        string full = Path.GetFullPath(path);
        foreach (var stale in InMemory.Keys.Where(k => k.Path == full)) InMemory.TryRemove(stale, out _);
        try
        {
            File.Delete(path + CacheSuffix);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A read-only folder: its cache file stays, but Verified rewrites nothing there and planning re-checks below.
        }
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
        SpecialFile.Refuse(path, "a data file");
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
