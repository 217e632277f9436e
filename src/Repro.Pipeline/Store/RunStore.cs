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

    public bool Contains(string key) => File.Exists(Path.Combine(Root, key, ManifestFile));

    public StoreEntry? Find(string key)
    {
        string directory = Path.Combine(Root, key);
        string manifest = Path.Combine(directory, ManifestFile);
        return File.Exists(manifest) ? new StoreEntry(directory, ReadManifest(manifest)) : null;
    }

    /// <summary>What is wrong with the entry at <paramref name="key"/>: an unreadable manifest, a missing file, a file whose hash changed.</summary>
    public IReadOnlyList<string> Problems(string key)
    {
        string directory = Path.Combine(Root, key);
        StoreManifest manifest;
        try
        {
            manifest = ReadManifest(Path.Combine(directory, ManifestFile));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            return [$"{ManifestFile} is unreadable ({e.GetType().Name})"];
        }
        var problems = new List<string>();
        if (manifest.Key != key) problems.Add($"{ManifestFile} names key {manifest.Key}");
        foreach (var (file, hash) in manifest.Files)
        {
            string path = Path.Combine(directory, file);
            if (!File.Exists(path)) problems.Add($"{file} is missing");
            else if (Sha256(path) != hash) problems.Add($"{file} does not match its SHA-256");
        }
        return problems;
    }

    /// <summary>Moves a bad entry to <c>.corrupt/</c> (never deletes it), so its key is free to be recomputed. Returns where it went.</summary>
    public string Quarantine(string key)
    {
        string target = Path.Combine(Root, ".corrupt", $"{key}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}.{Environment.ProcessId}");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Directory.Move(Path.Combine(Root, key), target);
        return target;
    }

    /// <summary>Every complete entry; staging folders and half-written entries are not entries.</summary>
    public IEnumerable<StoreEntry> Entries()
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var directory in Directory.EnumerateDirectories(Root))
        {
            string manifest = Path.Combine(directory, ManifestFile);
            if (Path.GetFileName(directory).StartsWith('.') || !File.Exists(manifest)) continue;
            StoreManifest? read = null;
            try { read = ReadManifest(manifest); }
            catch (Exception e) when (e is JsonException or InvalidDataException) { }   // reported by Problems(), not here
            if (read is not null) yield return new StoreEntry(directory, read);
        }
    }

    /// <summary>
    /// The folder where the run for <paramref name="key"/> is built. It is the same folder for every attempt, so a run
    /// killed mid-way finds its checkpoints there and resumes; only the holder of the key's <see cref="RunLock"/> may use it.
    /// </summary>
    public string WorkFolder(string key) => Path.Combine(Root, ".work", key);

    /// <summary>
    /// Builds an entry: <paramref name="produce"/> writes result files into the key's work folder (resuming whatever
    /// a killed attempt left there); then the manifest is written last and the folder renamed into place.
    /// If <paramref name="produce"/> throws, nothing is published and the work folder stays for the next attempt.
    /// The caller holds the key's <see cref="RunLock"/>.
    /// </summary>
    public StoreEntry Publish(RunKey key, string identity, string label, Action<string> produce)
    {
        string work = WorkFolder(key.Value);
        Directory.CreateDirectory(work);
        File.Delete(Path.Combine(work, ManifestFile));   // a manifest from an attempt killed before its rename is redone below
        var started = DateTimeOffset.UtcNow;
        produce(work);
        var files = Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(work, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => Sha256(Path.Combine(work, f)));
        var manifest = new StoreManifest(KeyEnvironment.StoreSchemaVersion, key.Value, identity, label, key.Inputs, files,
                                         started, (DateTimeOffset.UtcNow - started).TotalSeconds);
        WriteDurably(Path.Combine(work, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        MoveIntoPlace(work, key.Value);
        return Find(key.Value)!;
    }

    /// <summary>
    /// Copies a complete entry from another store (another machine's, a CI job's) into this one, after checking
    /// every file against the manifest's hashes. Keys are content addresses, so an entry already here is kept.
    /// Returns false when the key was already present.
    /// </summary>
    public bool Import(StoreEntry entry)
    {
        if (Contains(entry.Manifest.Key)) return false;
        foreach (var (file, hash) in entry.Manifest.Files)
            if (Sha256(entry.PathOf(file)) != hash)
                throw new InvalidDataException($"{entry.PathOf(file)}: does not match the SHA-256 in its manifest; not imported");
        string staging = Path.Combine(Root, ".staging", $"{entry.Manifest.Key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in entry.Manifest.Files.Keys)
            {
                string target = Path.Combine(staging, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(entry.PathOf(file), target);
            }
            File.Copy(entry.PathOf(ManifestFile), Path.Combine(staging, ManifestFile));   // last, as in Publish
            return MoveIntoPlace(staging, entry.Manifest.Key);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>Publishes a finished folder by one rename; if the key appeared meanwhile, the first entry wins.</summary>
    private bool MoveIntoPlace(string folder, string key)
    {
        try
        {
            Directory.Move(folder, Path.Combine(Root, key));
            return true;
        }
        catch (IOException) when (Contains(key))
        {
            Directory.Delete(folder, recursive: true);
            return false;
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
