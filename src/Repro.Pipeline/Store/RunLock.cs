namespace Repro.Pipeline.Store;

/// <summary>
/// A per-key lock whose ownership the operating system guarantees: the key's lock file opened exclusively
/// (<see cref="FileShare.None"/>, which .NET turns into an advisory <c>flock</c> on Unix and a share-mode lock on
/// Windows) and held open for the run's whole life. The kernel releases it when the holder closes it or dies in
/// any way, so there is no stale lock to detect or break, no PID to read, and nothing to delete: a lock file that
/// nobody holds open is just a file. Different keys lock different files and train in parallel.
/// </summary>
public sealed class RunLock : IDisposable
{
    private FileStream? held;

    private RunLock(FileStream held) => this.held = held;

    /// <summary>
    /// Waits until this process holds the lock for <paramref name="key"/>. <paramref name="waiting"/> is called once
    /// if another holder makes it wait. The lock is also exclusive between threads of one process.
    /// </summary>
    public static RunLock Acquire(string storeRoot, string key, Action? waiting = null, TimeSpan? poll = null)
    {
        string directory = Path.Combine(storeRoot, ".locks");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, key + ".lock");
        bool told = false;
        while (true)
        {
            if (TryOpen(path) is { } held) return new RunLock(held);
            if (!told) waiting?.Invoke();
            told = true;
            Thread.Sleep(poll ?? TimeSpan.FromMilliseconds(100));
        }
    }

    private static FileStream? TryOpen(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // For people reading the folder only; nothing ever reads it back to decide anything.
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString()));
            stream.Flush();
            return stream;
        }
        catch (IOException)
        {
            return null;   // held by another process (or another thread of this one)
        }
    }

    /// <summary>Releases the lock by closing the file; the file itself stays. A second call does nothing.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref held, null)?.Dispose();
    }
}
