using System.Runtime.InteropServices;

namespace Repro.Pipeline.Files;

/// <summary>
/// What a path is when it is not a regular file: a FIFO blocks whoever opens it for reading, a device such as
/// <c>/dev/zero</c> never ends, a folder cannot be read as a file. Every path the tool opens as a file from outside
/// (experiment files, data files, store entries, local sources) is checked here first and refused in one line.
/// </summary>
public static class SpecialFile
{
    /// <summary>"a FIFO", "a device", "a socket" or "a folder"; null for a regular file (links followed) or nothing at all.</summary>
    public static string? Kind(string path)
    {
        if (Directory.Exists(path)) return "a folder";
        if (!OperatingSystem.IsLinux() || !File.Exists(path)) return null;   // statx is Linux's; elsewhere only folders are told apart
        var buffer = new byte[256];
        if (Statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0) return null;
        return (BitConverter.ToUInt16(buffer, 28) & 0xF000) switch
        {
            0x1000 => "a FIFO",
            0x2000 or 0x6000 => "a device",
            0xC000 => "a socket",
            _ => null,
        };
    }

    /// <summary>Throws a one-line <see cref="Core.Data.DataFormatException"/> (exit 2) naming <paramref name="path"/> unless it is a regular file or absent.</summary>
    public static void Refuse(string path, string what)
    {
        if (Kind(path) is { } kind) throw new Core.Data.DataFormatException($"{path}: {kind}, not a regular file; {what} must be a file");
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 1;

    // struct statx has the same layout on every Linux architecture; stx_mode is the 16 bits at offset 28.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int Statx(int directory, string path, int flags, uint mask, byte[] buffer);
}
