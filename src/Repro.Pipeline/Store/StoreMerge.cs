using Repro.Core.Training;

namespace Repro.Pipeline.Store;

/// <summary>What one <see cref="StoreMerge.From"/> did: entries imported or already present, work carried, and one line per thing skipped.</summary>
public sealed record MergeReport(int Imported, int Present, int WorkCarried, IReadOnlyList<string> Skipped);

/// <summary>
/// Copies entries (and partial work) from another store into this one, treating the other store as untrusted:
/// every path a manifest names stays inside its entry (no <c>..</c>, no root, no links anywhere), the key is
/// recomputed from the manifest's inputs and must equal both the folder name and the manifest's key, and every
/// file's SHA-256 is checked before and after the copy. One bad entry is skipped and reported on one line; the
/// good ones are imported. Nothing is ever written outside the target store, and the source is only read.
/// </summary>
public static class StoreMerge
{

    public static MergeReport From(RunStore target, string source)
    {
        source = Path.GetFullPath(source);
        if (!Directory.Exists(source) || new DirectoryInfo(source).LinkTarget is not null)
            throw new ArgumentException($"{source}: no such store folder");
        int imported = 0, present = 0, carried = 0;
        var skipped = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(source).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (name == RunFiles.Work)
            {
                carried += CarryWork(target, path, skipped);
                continue;
            }
            if (name.StartsWith('.')) continue;   // locks, staging, the corrupt folder: never entries
            try
            {
                if (ImportEntry(target, path)) imported++; else present++;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                skipped.Add($"skipped {EntryPath.Printable(path)}: {EntryPath.Printable(e.Message)}");
            }
        }
        return new MergeReport(imported, present, carried, skipped);
    }

    /// <summary>
    /// Imports the entry in folder <paramref name="source"/> after checking it as described on <see cref="StoreMerge"/>;
    /// false when the target already holds a verified entry for the key. Throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static bool ImportEntry(RunStore target, string source)
    {
        string key = Path.GetFileName(source);
        if (!EntryPath.IsKey(key)) throw new InvalidDataException("not a store entry (its name is not a key)");
        if (new DirectoryInfo(source).LinkTarget is not null) throw new InvalidDataException("is a link, not an entry folder");
        if (!Directory.Exists(source)) throw new InvalidDataException("a file, not an entry folder");
        string manifestPath = Path.Combine(source, RunFiles.Manifest);
        if (new FileInfo(manifestPath).LinkTarget is not null) throw new InvalidDataException($"{RunFiles.Manifest} is a link");
        if (!File.Exists(manifestPath)) throw new InvalidDataException($"{RunFiles.Manifest} is missing (an incomplete entry)");
        byte[] manifestBytes = File.ReadAllBytes(manifestPath);
        var (manifest, problem) = RunStore.ReadManifest(manifestPath, key);
        if (problem is not null) throw new InvalidDataException(problem);
        string recomputed = RunKey.Hash(manifest!.Inputs);
        if (recomputed != key) throw new InvalidDataException($"the key recomputed from its inputs is {recomputed}, not {key}");
        foreach (var (file, hash) in manifest.Files)
            if (RunStore.FileProblem(source, file, hash) is { } wrong) throw new InvalidDataException(wrong);

        using var held = RunLock.Acquire(target.Root, key);
        if (target.OpenHoldingLock(key) is not null) return false;   // a damaged one in the way is moved aside
        string staging = Path.Combine(target.Root, ".staging", $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in manifest.Files.Keys)
            {
                string copy = Path.Combine(staging, file);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(Path.Combine(source, file), copy);
            }
            // The copies are what gets published: check them, not only the originals, which could change meanwhile.
            foreach (var (file, hash) in manifest.Files)
                if (RunStore.FileProblem(staging, file, hash) is { } wrong) throw new InvalidDataException(wrong + " (changed while copied)");
            RunStore.WriteDurably(Path.Combine(staging, RunFiles.Manifest), manifestBytes);   // last, as in Publish
            return target.MoveIntoPlace(staging, key);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>
    /// Carries partial runs (<c>.work/&lt;key&gt;/</c> holding a checkpoint) that the target can resume: only when the
    /// target has no entry for the key and no work that got as far. A work folder holding links or anything but
    /// plain files and folders is skipped. Its checkpoint cannot be checked against its key (no manifest, no hashes):
    /// it is trusted as far as the run that resumes it, which checks its spec.
    /// </summary>
    private static int CarryWork(RunStore target, string workRoot, List<string> skipped)
    {
        if (new DirectoryInfo(workRoot).LinkTarget is not null || !Directory.Exists(workRoot))
        {
            skipped.Add($"skipped {EntryPath.Printable(workRoot)}: not a folder");
            return 0;
        }
        int carried = 0;
        foreach (var work in Directory.EnumerateFileSystemEntries(workRoot).Order(StringComparer.Ordinal))
        {
            string key = Path.GetFileName(work);
            if (key.StartsWith('.')) continue;   // work set aside as unresumable (RunFiles.Rejected): never carried
            try
            {
                if (CarryOne(target, key, work)) carried++;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                skipped.Add($"skipped {EntryPath.Printable(work)}: {EntryPath.Printable(e.Message)}");
            }
        }
        return carried;
    }

    private static bool CarryOne(RunStore target, string key, string work)
    {
        if (!EntryPath.IsKey(key)) throw new InvalidDataException("not a work folder (its name is not a key)");
        if (new DirectoryInfo(work).LinkTarget is not null || !Directory.Exists(work)) throw new InvalidDataException("not a folder");
        foreach (var item in new DirectoryInfo(work).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            // Enumeration does not follow links into folders, so each link is seen here, and nothing below one.
            if (item.LinkTarget is not null) throw new InvalidDataException($"holds a link ({EntryPath.Printable(Path.GetRelativePath(work, item.FullName))})");
            if (item is FileInfo file && (file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0)
                throw new InvalidDataException($"holds a special file ({EntryPath.Printable(file.Name)})");
        }
        if (LatestStep(work) is not { } step) return false;   // nothing to resume from
        if (target.Occupied(key)) return false;

        using var held = RunLock.Acquire(target.Root, key);
        if (target.Occupied(key)) return false;
        string mine = target.WorkFolder(key);
        if (LatestStep(mine) is { } own && own >= step) return false;
        string staging = Path.Combine(target.Root, ".staging", $"work-{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            foreach (var file in Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories))
            {
                string copy = Path.Combine(staging, Path.GetRelativePath(work, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            // Work that got less far is superseded; it was never an entry, so it is replaced rather than kept aside.
            if (Directory.Exists(mine)) Directory.Delete(mine, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(mine)!);
            Directory.Move(staging, mine);
            return true;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static long? LatestStep(string work) =>
        Checkpoint.Latest(Path.Combine(work, RunFiles.Checkpoints)) is { } latest ? Checkpoint.StepOf(latest) : null;
}
