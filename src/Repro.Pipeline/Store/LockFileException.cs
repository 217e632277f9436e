namespace Repro.Pipeline.Store;

/// <summary>A lock file could not be opened for a reason other than another holder: one line naming the path and why (exit 1).</summary>
public sealed class LockFileException(string path, Exception cause)
    : InvalidOperationException($"cannot take the lock {path}: {Reason(cause)}", cause)
{
    public string Path { get; } = path;

    /// <summary>A short reason: the common ones in words, else the system's message on one line.</summary>
    public static string Reason(Exception e) => e.HResult switch
    {
        28 => "no space left on the device",
        30 => "the file system is read-only",
        _ when e is UnauthorizedAccessException => "permission denied (a read-only folder, or a folder where the file belongs)",
        _ => e.Message.ReplaceLineEndings(" ").TrimEnd('.'),
    };
}
