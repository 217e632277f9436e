using System.Security.Cryptography;
using System.Text.Json;

namespace Repro.Pipeline.Store;

/// <summary>
/// Content-addressed run entries in <c>&lt;root&gt;/&lt;key&gt;/</c>. An entry is built in a private staging folder,
/// gets its manifest last, and is published by one rename, so a crash never leaves an entry that looks complete.
/// </summary>
public sealed class RunStore(string root)
{
    public const string ManifestFile = "manifest.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary><c>REPRO_STORE</c>, else <c>.repro/store</c> under the project root.</summary>
    public static RunStore FromEnvironment(string projectRoot) =>
        new(Environment.GetEnvironmentVariable("REPRO_STORE") is { Length: > 0 } custom
            ? custom
            : Path.Combine(projectRoot, ".repro", "store"));

    public bool Contains(string key) => File.Exists(Path.Combine(Root, key, ManifestFile));

    public StoreEntry? Find(string key)
    {
        string directory = Path.Combine(Root, key);
        string manifest = Path.Combine(directory, ManifestFile);
        return File.Exists(manifest) ? new StoreEntry(directory, ReadManifest(manifest)) : null;
    }

    /// <summary>Every complete entry; staging folders and half-written entries are not entries.</summary>
    public IEnumerable<StoreEntry> Entries()
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            string manifest = Path.Combine(directory, ManifestFile);
            if (!Path.GetFileName(directory).StartsWith('.') && File.Exists(manifest))
                yield return new StoreEntry(directory, ReadManifest(manifest));
        }
    }

    /// <summary>
    /// Builds an entry: <paramref name="produce"/> writes result files into the staging folder it is given;
    /// then the manifest is written and the folder renamed into place. If <paramref name="produce"/> throws,
    /// the staging folder is removed and nothing is published.
    /// </summary>
    public StoreEntry Publish(RunKey key, string identity, string label, Action<string> produce)
    {
        string staging = Path.Combine(Root, ".staging", $"{key.Value}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        var started = DateTimeOffset.UtcNow;
        try
        {
            produce(staging);
            var files = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(staging, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToDictionary(f => f, f => Sha256(Path.Combine(staging, f)));
            var manifest = new StoreManifest(KeyEnvironment.StoreSchemaVersion, key.Value, identity, label, key.Inputs, files,
                                             started, (DateTimeOffset.UtcNow - started).TotalSeconds);
            WriteDurably(Path.Combine(staging, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, Json));

            string final = Path.Combine(Root, key.Value);
            try
            {
                Directory.Move(staging, final);
            }
            catch (IOException) when (Contains(key.Value))
            {
                Directory.Delete(staging, recursive: true);   // another process published the same key first
            }
            return Find(key.Value)!;
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static StoreManifest ReadManifest(string path) =>
        JsonSerializer.Deserialize<StoreManifest>(File.ReadAllBytes(path), Json)
        ?? throw new InvalidDataException($"{path}: empty manifest");

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
