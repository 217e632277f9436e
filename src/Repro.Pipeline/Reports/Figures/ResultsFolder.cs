namespace Repro.Pipeline.Reports.Figures;

/// <summary>Where rendered artifacts go: <c>figures/</c>, <c>tables/</c>, <c>records/</c> and the gallery <c>README.md</c>.</summary>
public sealed class ResultsFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Figure(string artifact, string extension) => Ensure(Path.Combine(Root, "figures", $"{Slug(artifact)}.{extension}"));
    public string Table(string artifact) => Ensure(Path.Combine(Root, "tables", $"{Slug(artifact)}.md"));
    public string Record(string artifact) => Ensure(Path.Combine(Root, "records", $"{Slug(artifact)}.json"));
    public string Gallery => Ensure(Path.Combine(Root, "README.md"));

    public static string Slug(string artifact) => artifact.ToLowerInvariant();

    /// <summary>The path relative to the results root, with forward slashes, for Markdown links.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string Ensure(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
