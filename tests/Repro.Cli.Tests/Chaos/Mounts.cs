using System.Diagnostics;

namespace Repro.Cli.Tests.Chaos;

/// <summary>A file system that refuses: a small tmpfs filled up, a read-only bind mount. Needs root (to mount); undone on dispose.</summary>
public sealed class Mounts : IDisposable
{
    private readonly List<string> mounted = [];

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>A tmpfs of <paramref name="kilobytes"/> at <paramref name="path"/>.</summary>
    public void Tmpfs(string path, int kilobytes)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path);
        mounted.Add(path);
    }

    /// <summary>Makes <paramref name="path"/> read-only in place (a read-only bind mount of itself).</summary>
    public void ReadOnly(string path)
    {
        Run("mount", "--bind", path, path);
        mounted.Add(path);
        Run("mount", "-o", "remount,bind,ro", path);
    }

    /// <summary>Fills the file system holding <paramref name="folder"/> until it has no byte left.</summary>
    public static void Fill(string folder)
    {
        using var filler = new FileStream(Path.Combine(folder, "filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {error}");
    }

    public void Dispose()
    {
        for (int i = mounted.Count - 1; i >= 0; i--) Run("umount", "-l", mounted[i]);
    }
}

/// <summary>A test that mounts file systems: skipped, saying so, when not run as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Mounts.IsRoot) Skip = "needs root to mount a tmpfs or a read-only bind mount";
    }
}
