namespace Repro.Pipeline.Settings;

/// <summary>The one way to find the project: the nearest folder at or above a start that holds <c>Repro.sln</c> and <c>experiments/</c>.</summary>
public static class ProjectRoot
{
    public static string Find(string start) =>
        TryFind(start) ?? throw new DirectoryNotFoundException($"no Repro project (a folder with Repro.sln and experiments/) at or above {start}; pass --root");

    public static string? TryFind(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "experiments")) && File.Exists(Path.Combine(dir.FullName, "Repro.sln")))
                return dir.FullName;
        return null;
    }
}
