using System.Text.RegularExpressions;

namespace Repro.Cli.Tests;

/// <summary>
/// The shape of src/ (issue 26): no cycle between its folders, and no source file over 300 lines. Folder A depends on
/// folder B when a file in A names a type declared in B that the file can see (its namespace, a parent namespace, a
/// <c>using</c>, or a qualified name); comments and strings do not count.
/// </summary>
public partial class SourceFolderTests
{
    private static readonly string Source = Path.Combine(FindRoot(), "src");

    private static string FindRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Repro.sln"))) root = root.Parent!;
        return root.FullName;
    }

    private sealed record SourceFile(string Folder, string Namespace, string Code);

    [GeneratedRegex(@"//.*|/\*[\s\S]*?\*/")]
    private static partial Regex Comment();

    [GeneratedRegex(@"@?\$*""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*")]
    private static partial Regex DottedName();

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>Every "A -> B" between folders of src/, each with the types that make it.</summary>
    public static SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> FolderDependencies()
    {
        var files = Files().Select(path =>
        {
            string code = StringLiteral().Replace(Comment().Replace(File.ReadAllText(path), ""), "\"\"");
            var ns = NamespaceLine().Match(code);
            return new SourceFile(Path.GetRelativePath(Source, Path.GetDirectoryName(path)!).Replace('\\', '/'), ns.Success ? ns.Groups[1].Value : "", code);
        }).ToList();
        var owners = files.SelectMany(f => Declaration().Matches(f.Code).Select(m => (Type: m.Groups[1].Value, f.Folder, f.Namespace)))
                          .ToLookup(d => d.Type);
        var edges = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var parts = file.Namespace.Split('.');
            var enclosing = Enumerable.Range(1, parts.Length).Select(i => string.Join('.', parts[..i])).ToList();
            var visible = enclosing.Concat(UsingLine().Matches(file.Code).Select(m => m.Groups[1].Value)).ToHashSet();
            foreach (Match name in DottedName().Matches(file.Code))
            {
                var segments = Regex.Replace(name.Value, @"\s", "").Split('.');
                for (int i = 0; i < segments.Length; i++)
                {
                    if (!char.IsUpper(segments[i][0])) continue;
                    string qualifier = string.Join('.', segments[..i]);
                    var seen = owners[segments[i]].Where(o => qualifier.Length == 0
                        ? visible.Contains(o.Namespace)
                        : o.Namespace == qualifier || enclosing.Any(e => $"{e}.{qualifier}" == o.Namespace)).ToList();
                    if (seen.Count == 0 || seen.Any(o => o.Folder == file.Folder)) continue;
                    foreach (var owner in seen)
                    {
                        var targets = edges.TryGetValue(file.Folder, out var t) ? t : edges[file.Folder] = new(StringComparer.Ordinal);
                        (targets.TryGetValue(owner.Folder, out var types) ? types : targets[owner.Folder] = new(StringComparer.Ordinal)).Add(segments[i]);
                    }
                }
            }
        }
        return edges;
    }

    [Fact]
    public void NoFolderOfSrcDependsOnItselfThroughOthers()
    {
        var edges = FolderDependencies();
        var cycles = new List<string>();
        foreach (var start in edges.Keys)
        {
            // Breadth first from the folder: the first way back to it is its shortest cycle.
            var from = new Dictionary<string, string> { [start] = "" };
            var queue = new Queue<string>([start]);
            string? cycle = null;
            while (queue.Count > 0 && cycle is null)
            {
                var folder = queue.Dequeue();
                foreach (var next in edges.GetValueOrDefault(folder)?.Keys ?? Enumerable.Empty<string>())
                {
                    if (next == start)
                    {
                        var path = new List<string> { start };
                        for (var at = folder; at != start; at = from[at]) path.Insert(1, at);
                        cycle = string.Join(" -> ", path.Append(start));
                        break;
                    }
                    if (from.TryAdd(next, folder)) queue.Enqueue(next);
                }
            }
            if (cycle is not null) cycles.Add(cycle);
        }
        Assert.True(cycles.Count == 0, "folder cycles in src/:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheScanSeesKnownDependencies()
    {
        var edges = FolderDependencies();
        Assert.Contains("Repro.Core/Curvature", edges["Repro.Core/Training"].Keys);     // the curvature hook
        Assert.Contains("Repro.Core/Training", edges["Repro.Core/Benchmarks"].Keys);    // the harness times the trainer
        Assert.Contains("Repro.Pipeline/Reports/Claims", edges["Repro.Pipeline/Reports/Figures"].Keys);
        Assert.DoesNotContain("Repro.Core/Training", edges.GetValueOrDefault("Repro.Core/Curvature")?.Keys ?? Enumerable.Empty<string>());
    }

    [Fact]
    public void NoSourceFileIsOver300Lines()
    {
        var tooLong = Files().Select(f => (File: Path.GetRelativePath(Source, f), Lines: File.ReadAllLines(f).Length)).Where(f => f.Lines > 300).ToList();
        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong.Select(f => $"{f.File}: {f.Lines} lines")));
    }
}
