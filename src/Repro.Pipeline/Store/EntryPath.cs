namespace Repro.Pipeline.Store;

/// <summary>Relative paths inside an entry, as manifests name them: checked before any is joined to a folder.</summary>
public static class EntryPath
{
    /// <summary>
    /// True for a relative, forward-slash path of plain names: no root, no drive, no <c>..</c> or <c>.</c> segment,
    /// no empty segment, no backslash or control character, so joining it to a folder stays inside that folder.
    /// </summary>
    public static bool IsConfined(string path) =>
        path.Length > 0
        && !Path.IsPathRooted(path)
        && !path.Any(c => c == '\\' || c == ':' || char.IsControl(c))
        && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    /// <summary>A name fit for a one-line message: control characters escaped.</summary>
    public static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    /// <summary>A store key: 24 lower-case hex digits (see <see cref="RunKey"/>). Anything else is no entry's name.</summary>
    public static bool IsKey(string name) => name.Length == 24 && name.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
