using System.Diagnostics;

namespace Repro.Pipeline.Store;

/// <summary>
/// A per-key lock file holding its owner's PID, so two processes never train the same key at once while
/// different keys train in parallel. A lock whose owner has died is broken: renamed away (only one
/// process can win that rename), never silently shared.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly string _path;

    private RunLock(string path) => _path = path;

    /// <summary>Waits until this process holds the lock for <paramref name="key"/>; <paramref name="waiting"/> is told once if it must wait.</summary>
    public static RunLock Acquire(string storeRoot, string key, Action<int>? waiting = null, TimeSpan? poll = null)
    {
        string directory = Path.Combine(storeRoot, ".locks");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, key + ".lock");
        bool told = false;
        while (true)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(Environment.ProcessId);
                return new RunLock(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                int? owner = Owner(path);
                if (owner is null || !IsAlive(owner.Value))
                {
                    BreakStale(path);
                    continue;
                }
                if (!told) waiting?.Invoke(owner.Value);
                told = true;
                Thread.Sleep(poll ?? TimeSpan.FromMilliseconds(200));
            }
        }
    }

    public void Dispose() => File.Delete(_path);

    private static int? Owner(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path), out int pid) ? pid : null;
        }
        catch (IOException)
        {
            return -1;   // being written or removed right now: treat as alive and look again
        }
    }

    private static bool IsAlive(int pid)
    {
        if (pid == -1 || pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void BreakStale(string path)
    {
        string aside = $"{path}.stale.{Environment.ProcessId}.{Guid.NewGuid():N}";
        try
        {
            File.Move(path, aside);
            File.Delete(aside);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
