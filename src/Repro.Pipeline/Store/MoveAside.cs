namespace Repro.Pipeline.Store;

/// <summary>Moving damaged things out of the way without following links or deleting anything.</summary>
public static class MoveAside
{
    /// <summary>
    /// Renames whatever lies at <paramref name="source"/> (a folder, a file, a FIFO, a link to either, a dangling link) to
    /// <paramref name="target"/>, creating its folder. A link moves as itself: what it points to is never touched.
    /// </summary>
    public static void Move(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Directory.Move and File.Move both end in rename(2), which moves a link itself; each checks its kind first, following links.
        if (Directory.Exists(source)) Directory.Move(source, target);
        else File.Move(source, target);
    }
}
