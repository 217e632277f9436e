using System.Security.Cryptography;
using System.Text.Json;
using Repro.Pipeline.Files;

namespace Repro.Pipeline.Store;

/// <summary>
/// Content-addressed run entries in <c>&lt;root&gt;/&lt;key&gt;/</c>. An entry is built in a private work folder,
/// gets its manifest last, and is published by one rename, so a crash never leaves an entry that looks complete.
/// Two ways to look: <see cref="Find"/> reads the manifest only (planning, status: a read, never a write);
/// <see cref="Open"/> checks every file's SHA-256 before an entry's numbers are used and moves a corrupt one aside.
/// </summary>
public sealed class RunStore(string root)
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Whether the key has an entry whose manifest is readable and consistent; no file is hashed.</summary>
    public bool Contains(string key) => Find(key) is not null;

    /// <summary>The entry at <paramref name="key"/> as its manifest describes it, or null; reads the manifest only.</summary>
    public StoreEntry? Find(string key) => Read(key, out var entry) is null ? entry : null;

    /// <summary>Whether anything at all (an entry, a damaged one, a stray file) lies at the key's path.</summary>
    public bool Occupied(string key) => Path.Exists(PathOf(key)) || new FileInfo(PathOf(key)).LinkTarget is not null;

    /// <summary>What a manifest-only look finds wrong at <paramref name="key"/>'s path (null: a readable entry, or nothing there).</summary>
    public string? ManifestProblem(string key) => Occupied(key) ? Read(key, out _) : null;

    /// <summary>
    /// Everything wrong with what lies at <paramref name="key"/>'s path: not a folder, no or an unusable manifest,
    /// a missing or linked file, a file whose SHA-256 changed. Empty for a complete, verified entry.
    /// </summary>
    public IReadOnlyList<string> Problems(string key)
    {
        if (!Occupied(key)) return ["no entry"];
        if (Read(key, out var entry) is { } problem) return [problem];
        var problems = new List<string>();
        foreach (var (file, hash) in entry!.Manifest.Files)
            if (FileProblem(entry.Directory, file, hash) is { } wrong) problems.Add(wrong);
        return problems;
    }

    /// <summary>What is wrong with <paramref name="file"/> of the entry in <paramref name="directory"/>, or null if it is there, unlinked, with this hash.</summary>
    internal static string? FileProblem(string directory, string file, string hash)
    {
        string path = Path.Combine(directory, file);
        for (string at = path; at.Length > directory.Length; at = Path.GetDirectoryName(at)!)
            if (new FileInfo(at).LinkTarget is not null) return $"{EntryPath.Printable(file)} is a link";
        if (!File.Exists(path)) return $"{EntryPath.Printable(file)} is missing";
        if (SpecialFile.Kind(path) is { } kind) return $"{EntryPath.Printable(file)} is {kind}";
        return Sha256(path) == hash ? null : $"{EntryPath.Printable(file)} does not match its SHA-256";
    }

    /// <summary>
    /// Opens an entry for use: every file is checked against its hash first. A corrupt entry is moved aside (under
    /// the key's lock, so a run publishing the key meanwhile is never moved instead) and reported through
    /// <paramref name="corrupt"/>; then null is returned, as for a key with no entry.
    /// </summary>
    public StoreEntry? Open(string key, Action<string>? corrupt = null)
    {
        if (!Occupied(key)) return null;
        if (Problems(key).Count == 0) return Find(key);
        using var held = RunLock.Acquire(Root, key);
        return OpenHoldingLock(key, corrupt);
    }

    /// <summary><see cref="Open"/> for a caller that holds the key's <see cref="RunLock"/> already.</summary>
    public StoreEntry? OpenHoldingLock(string key, Action<string>? corrupt = null)
    {
        if (!Occupied(key)) return null;
        var problems = Problems(key);
        if (problems.Count == 0) return Find(key);
        string movedTo = Quarantine(key);
        corrupt?.Invoke($"corrupt entry {key} ({string.Join("; ", problems)}) moved to {movedTo}");
        return null;
    }

    /// <summary>
    /// Moves whatever lies at the key's path (a folder, a file, a link) to <c>.corrupt/</c>, never deleting it, so
    /// the key is free to be recomputed. Returns where it went. The caller holds the key's lock.
    /// </summary>
    public string Quarantine(string key)
    {
        string source = PathOf(key);
        string target = Path.Combine(Root, RunFiles.Corrupt, $"{key}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}.{Environment.ProcessId}.{Guid.NewGuid().ToString("N")[..6]}");
        MoveAside.Move(source, target);   // a plain file or a link: the link itself moves, not what it points to
        return target;
    }

    /// <summary>Every entry whose manifest is readable; damaged folders, staging and work folders are not entries.</summary>
    public IEnumerable<StoreEntry> Entries()
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var directory in Directory.EnumerateDirectories(Root))
            if (EntryPath.IsKey(Path.GetFileName(directory)) && Find(Path.GetFileName(directory)) is { } entry)
                yield return entry;
    }

    /// <summary>
    /// The folder where the run for <paramref name="key"/> is built. It is the same folder for every attempt, so a run
    /// killed mid-way finds its checkpoints there and resumes; only the holder of the key's <see cref="RunLock"/> may use it.
    /// </summary>
    public string WorkFolder(string key) => Path.Combine(Root, RunFiles.Work, key);

    public string PathOf(string key) => Path.Combine(Root, key);

    /// <summary>
    /// Builds an entry: <paramref name="produce"/> writes result files into the key's work folder (resuming whatever
    /// a killed attempt left there); then the manifest, with the run's identity and this machine's provenance (time and peak memory included), is
    /// written last and the folder renamed into place. If <paramref name="produce"/> throws, nothing is published and
    /// the work folder stays for the next attempt. The caller holds the key's <see cref="RunLock"/>.
    /// </summary>
    public StoreEntry Publish(RunKey key, RunIdentity run, Action<string> produce)
    {
        string work = WorkFolder(key.Value);
        Directory.CreateDirectory(work);
        File.Delete(Path.Combine(work, RunFiles.Manifest));   // a manifest from an attempt killed before its rename is redone below
        long? startRssBytes = PeakMemory.Reset();
        var started = DateTimeOffset.UtcNow;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        produce(work);
        long? peakRssBytes = startRssBytes is null ? null : PeakMemory.ReadPeakBytes();
        double seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        double cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var files = Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(work, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => Sha256(Path.Combine(work, f)));
        var manifest = new StoreManifest(KeyEnvironment.StoreSchemaVersion, key.Value, run.ToString(), run.Point, key.Inputs, files,
                                         started, seconds, run, MachineProvenance.Current(seconds, cpuSeconds, peakRssBytes, startRssBytes));
        WriteDurably(Path.Combine(work, RunFiles.Manifest), JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        MoveIntoPlace(work, key.Value);
        return Find(key.Value)!;
    }

    /// <summary>
    /// Copies a complete entry from another store (another machine's, a CI job's) into this one, treating it as
    /// untrusted (see <see cref="StoreMerge"/>). Throws <see cref="InvalidDataException"/> naming what is wrong.
    /// Returns false when the key was already present.
    /// </summary>
    public bool Import(StoreEntry entry) => StoreMerge.ImportEntry(this, entry.Directory);

    /// <summary>
    /// Publishes a finished folder by one rename; if a verified entry appeared meanwhile, the first entry wins. Anything
    /// else in the way is moved aside first. The caller holds the key's lock.
    /// </summary>
    internal bool MoveIntoPlace(string folder, string key)
    {
        if (Occupied(key))
        {
            if (Problems(key).Count == 0)
            {
                Directory.Delete(folder, recursive: true);
                return false;
            }
            Quarantine(key);
        }
        Directory.Move(folder, PathOf(key));
        return true;
    }

    /// <summary>Reads the key's manifest; returns what makes it unusable, or null with the entry.</summary>
    private string? Read(string key, out StoreEntry? entry)
    {
        entry = null;
        string directory = PathOf(key);
        if (new DirectoryInfo(directory).LinkTarget is not null) return "the entry is a link, not a folder";
        if (!Directory.Exists(directory)) return File.Exists(directory) ? "a file, not an entry folder" : "no entry";
        string path = Path.Combine(directory, RunFiles.Manifest);
        if (new FileInfo(path).LinkTarget is not null) return $"{RunFiles.Manifest} is a link";
        if (!File.Exists(path)) return $"{RunFiles.Manifest} is missing";
        if (SpecialFile.Kind(path) is { } kind) return $"{RunFiles.Manifest} is {kind}";
        var (manifest, problem) = ReadManifest(path, key);
        if (problem is not null) return problem;
        entry = new StoreEntry(directory, manifest!);
        return null;
    }

    /// <summary>A manifest parsed and checked against the folder it names; never throws for bad content.</summary>
    internal static (StoreManifest? Manifest, string? Problem) ReadManifest(string path, string folderName)
    {
        StoreManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<StoreManifest>(File.ReadAllBytes(path), Json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            return (null, $"{RunFiles.Manifest} is unreadable ({e.GetType().Name})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"{RunFiles.Manifest} cannot be read ({e.GetType().Name})");
        }
        if (manifest is null) return (null, $"{RunFiles.Manifest} is unreadable (null)");
        return manifest.Problem(folderName) is { } problem ? (null, $"{RunFiles.Manifest} {problem}") : (manifest, null);
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    internal static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}
