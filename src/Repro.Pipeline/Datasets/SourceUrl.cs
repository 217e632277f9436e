namespace Repro.Pipeline.Datasets;

/// <summary>
/// A data source's base URL, checked before anything is fetched from it: an absolute <c>http</c>, <c>https</c> or
/// <c>file</c> URL (a file URL naming a local absolute path), nothing else. Bad ones are one line (exit 2).
/// </summary>
public static class SourceUrl
{
    /// <summary>The parsed base URL; <see cref="ArgumentException"/> naming <paramref name="origin"/> (a flag, a variable) when it is not one.</summary>
    public static Uri Parse(string text, string origin)
    {
        string Bad(string why) => $"{origin} '{Printable(text)}': {why}; give an http://, https:// or file:// URL of a folder serving the official file names";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(Bad("not an absolute URL"));
        if (uri.Scheme is not ("http" or "https" or "file"))
            throw new ArgumentException(Bad($"the scheme {uri.Scheme}: is not supported"));
        if (uri.IsFile && (uri.IsUnc || !Path.IsPathFullyQualified(uri.LocalPath)))
            throw new ArgumentException(Bad("a file URL must name a local absolute path"));
        if (!uri.IsFile && string.IsNullOrEmpty(uri.Host))
            throw new ArgumentException(Bad("no host"));
        return uri;
    }

    /// <summary>
    /// <c>BASE/NAME</c>: the name joins the path, before any query (kept: it may carry a token) and without a fragment,
    /// so neither swallows it.
    /// </summary>
    public static string Join(Uri source, string name) =>
        source.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + Uri.EscapeDataString(name) + source.Query;

    private static string Printable(string text) => Store.EntryPath.Printable(text);
}
