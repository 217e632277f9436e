// Linked into every test project (see tests/Directory.Build.props): the mutations of the experiment-file fuzz, shared by
// the in-process property test (thousands of mutants) and the real-process check (a few dozen).
namespace Repro;

/// <summary>What one mutation does to the text of an experiment file.</summary>
public enum MutationKind { DeleteLine, DuplicateLine, Retype, Truncate, Inject }

/// <summary>
/// One mutation: its kind, where (taken modulo the number of lines, values or characters, so any integer is valid) and
/// which replacement or character (modulo its table).
/// </summary>
public sealed record Mutation(MutationKind Kind, int Where, int Which)
{
    public override string ToString() => $"{Kind}@{Where}/{Which}";
}

public static class ExperimentMutator
{
    /// <summary>Values a scalar is retyped to: other types, limits, quoting, YAML's own special forms.</summary>
    public static readonly string[] Replacements =
    [
        "abc", "-1", "0", "1", "2.5", "1e400", "-1e400", "1e-400", "99999999999", "3000000000", "-0.0", ".nan", ".inf", "NaN",
        "\"0.01\"", "'3'", "[1, 2]", "[]", "{a: 1}", "{}", "", "null", "~", "true", "no", "*undefined", "&anchor 1", "!!int 3",
        "0x10", "[", "{", "]", "'", "\"", "|", ">", "- x", "? x", "x: y", "\"a\\nb\"", "\"\\t\"", "Default", "figure 3", "--flag",
        "\"\\u0000\"", "{logspace: [1e-4, 0.3, 100000000]}", "{linspace: [0, 1, 0]}", "[0.1, 0.1]",
    ];

    /// <summary>Characters injected at a random place: YAML's indicators, whitespace, control and non-ASCII characters.</summary>
    public static readonly string[] Injections =
    [
        ":", "[", "]", "{", "}", "-", ",", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "?", "\t", "\n", "\r", " ", "  ",
        "\0", "\u0085", "\u2028", "\ufeff", "é", "€", "0", "9", "x", "Z", "_", "\\", "&a", "*a", "<<: *a", "---\n", "...\n",
    ];

    public static string Apply(string yaml, IEnumerable<Mutation> mutations) => mutations.Aggregate(yaml, Apply);

    public static string Apply(string yaml, Mutation m)
    {
        var lines = yaml.Split('\n').ToList();
        int Pick(int count) => count == 0 ? 0 : (int)((uint)m.Where % (uint)count);
        switch (m.Kind)
        {
            case MutationKind.DeleteLine:
                if (lines.Count > 0) lines.RemoveAt(Pick(lines.Count));
                return string.Join('\n', lines);
            case MutationKind.DuplicateLine:
                if (lines.Count > 0) { int i = Pick(lines.Count); lines.Insert(i, lines[i]); }
                return string.Join('\n', lines);
            case MutationKind.Truncate:
                return yaml[..Pick(yaml.Length + 1)];
            case MutationKind.Inject:
                {
                    int at = Pick(yaml.Length + 1);
                    return yaml[..at] + Injections[(uint)m.Which % (uint)Injections.Length] + yaml[at..];
                }
            default:
                {
                    // A value: the text after ": " or an item of a [flow, list] on any line.
                    var values = new List<(int Line, int Start, int Length)>();
                    for (int i = 0; i < lines.Count; i++)
                    {
                        int colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                        if (colon >= 0 && !lines[i].TrimStart().StartsWith('#'))
                            values.Add((i, colon + 2, lines[i].Length - colon - 2));
                    }
                    if (values.Count == 0) return yaml;
                    var (line, start, length) = values[Pick(values.Count)];
                    lines[line] = lines[line][..start] + Replacements[(uint)m.Which % (uint)Replacements.Length] + lines[line][(start + length)..];
                    return string.Join('\n', lines);
                }
        }
    }

    /// <summary>A reproducible list of 1 to 3 mutations drawn from <paramref name="random"/>.</summary>
    public static IReadOnlyList<Mutation> Draw(Random random) =>
        [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => new Mutation((MutationKind)random.Next(5), random.Next(), random.Next()))];
}
