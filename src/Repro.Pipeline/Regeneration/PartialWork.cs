using Repro.Pipeline.Store;

namespace Repro.Pipeline.Regeneration;

/// <summary>
/// Hands the partial work of runs (stopped at a time budget, resumed elsewhere) from this store to another machine:
/// <see cref="Export"/> writes the work folders of the keys asked for into a folder laid out as a store, which
/// <c>repro merge --from</c> there imports (verified like any other store's work).
/// </summary>
public static class PartialWork
{
    /// <summary>The list of keys <see cref="Export"/> writes (hidden, so a merge passes over it): the folder is never empty.</summary>
    public const string ExportedFile = ".exported-keys";

    /// <summary>Copies the resumable work of each key that has some into <paramref name="to"/>; returns the keys carried.</summary>
    public static IReadOnlyList<string> Export(RunStore store, IEnumerable<string> keys, string to)
    {
        var exporter = new RunStore(to);
        Directory.CreateDirectory(exporter.Root);
        var carried = new List<string>();
        foreach (var key in keys.Distinct())
        {
            if (!EntryPath.IsKey(key)) throw new ArgumentException($"{key}: not a run key");
            if (Runs.PartialRun.Find(store.WorkFolder(key)) is null) continue;
            Copy(new DirectoryInfo(store.WorkFolder(key)), exporter.WorkFolder(key));
            carried.Add(key);
        }
        File.WriteAllLines(Path.Combine(exporter.Root, ExportedFile), carried);
        return carried;
    }

    // Files and folders only: links are never followed nor copied (the importing merge would refuse them anyway).
    private static void Copy(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var item in from.EnumerateFileSystemInfos())
        {
            if (item.LinkTarget is not null) continue;
            if (item is DirectoryInfo folder) Copy(folder, Path.Combine(to, item.Name));
            else ((FileInfo)item).CopyTo(Path.Combine(to, item.Name), overwrite: true);
        }
    }
}
