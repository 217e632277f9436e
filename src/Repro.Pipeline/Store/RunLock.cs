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
    /// if another holder makes it wait; <paramref name="cancel"/> (a signal, a spent time budget) ends the wait at once
    /// with <see cref="OperationCanceledException"/>. Any failure other than another holder (a full disk, a read-only
    /// store) is a one-line <see cref="LockFileException"/>; a store path that is not a folder is an <see cref="ArgumentException"/>.
    /// The lock is also exclusive between threads of one process.
    /// </summary>
    public static RunLock Acquire(string storeRoot, string key, Action? waiting = null, TimeSpan? poll = null, CancellationToken cancel = default)
    {
        if (File.Exists(storeRoot))
            throw new ArgumentException($"store {storeRoot}: a file, not a folder");
        return new RunLock(LockFile.Wait(Path.Combine(storeRoot, ".locks", key + ".lock"), cancel, waiting: waiting, poll: poll));
    }

    /// <summary>Releases the lock by closing the file; the file itself stays. A second call does nothing.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref held, null)?.Dispose();
    }
}
