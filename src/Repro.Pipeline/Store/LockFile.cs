using System.Diagnostics;

namespace Repro.Pipeline.Store;

/// <summary>
/// A file opened exclusively as a lock between processes (<see cref="FileShare.None"/>: an advisory <c>flock</c> on
/// Unix, a share mode on Windows), held open while the lock is held; the kernel releases it when its holder dies.
/// Only "held by another process" means wait: any other failure to open it (a full disk, a read-only or missing
/// folder, a folder or special file at its path) is a <see cref="LockFileException"/> naming the path, never a wait.
/// </summary>
public static class LockFile
{
    /// <summary>
    /// Waits until this process holds the lock at <paramref name="path"/>, calling <paramref name="waiting"/> once if it
    /// has to wait. Throws <see cref="OperationCanceledException"/> as soon as <paramref name="cancel"/> is cancelled and
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/>: every wait has a way out.
    /// </summary>
    public static FileStream Wait(string path, CancellationToken cancel = default, TimeSpan? timeout = null, Action? waiting = null, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        bool told = false;
        while (true)
        {
            if (TryOpen(path) is { } held) return held;
            cancel.ThrowIfCancellationRequested();   // only a wait is cut short: a free lock is taken even when cancelled
            if (!told) waiting?.Invoke();
            told = true;
            if (timeout is { } limit && clock.Elapsed >= limit)
                throw new TimeoutException($"{path}: still held by another process after {limit.TotalSeconds:G} s; try again later");
            cancel.WaitHandle.WaitOne(poll ?? TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>The lock, or null when another process (or another thread of this one) holds it.</summary>
    public static FileStream? TryOpen(string path)
    {
        FileStream stream;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Unbuffered: a write that fails (a full disk) fails here, not again when the stream is closed.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException e) when (HeldElsewhere(e))
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LockFileException(path, e);
        }
        try
        {
            if (!stream.CanSeek) throw new IOException("not a regular file");
            // For people reading the folder only; nothing ever reads it back to decide anything.
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString()));
            stream.Flush();
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new LockFileException(path, e);
        }
    }

    /// <summary>
    /// The one error that means "someone else holds it": EWOULDBLOCK from <c>flock</c> (11 on Linux, 35 on BSD and
    /// macOS, which .NET puts in HResult) or a sharing or lock violation on Windows.
    /// </summary>
    private static bool HeldElsewhere(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33
        : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);
}
