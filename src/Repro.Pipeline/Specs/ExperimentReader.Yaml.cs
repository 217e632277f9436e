using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Repro.Pipeline.Specs;

/// <summary>The YAML of <see cref="ExperimentReader"/>: typed reads of nodes, allowed keys, and errors naming file and line.</summary>
public sealed partial class ExperimentReader
{
    private void CheckKeys(YamlMappingNode map, string prefix, string[] allowed)
    {
        foreach (var keyNode in map.Children.Keys)
        {
            string key = Key(keyNode);
            if (!allowed.Contains(key))
                throw Error(keyNode, $"{prefix}{key}: unknown key (expected one of {string.Join(", ", allowed)})");
        }
    }

    private string RequiredText(YamlMappingNode map, string key) => Text(RequiredChild(map, key), key);

    private YamlNode RequiredChild(YamlMappingNode map, string key) =>
        Child(map, key) ?? throw Error(map, $"missing required key '{key}'");

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private YamlMappingNode Mapping(YamlNode node, string where) =>
        node as YamlMappingNode ?? throw Error(node, $"{where}: expected a mapping of keys to values");

    private string Key(YamlNode node) =>
        node is YamlScalarNode { Value: { Length: > 0 } key } ? key : throw Error(node, "expected a plain key");

    private string Text(YamlNode node, string at) =>
        node is YamlScalarNode { Value: { Length: > 0 } text } ? text : throw Error(node, $"{at}: expected text");

    private long Integer(YamlNode node, string at) =>
        Unquoted(node, at) is YamlScalarNode { Value: { } s } && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v : throw Error(node, $"{at}: expected a whole number, got {Shown(node)}");

    private double Number(YamlNode node, string at) =>
        Unquoted(node, at) is YamlScalarNode { Value: { } s } && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw Error(node, $"{at}: expected a number, got {Shown(node)}");

    /// <summary>A quote means text: a quoted "0.01" where a number belongs is an error, not a number.</summary>
    private YamlNode Unquoted(YamlNode node, string at) =>
        node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded } quoted
            ? throw Error(node, $"{at}: {Shown(quoted)} is quoted, so it is text; write it without quotes")
            : node;

    private static string Describe(string path, Exception e)
    {
        bool link;
        try
        {
            link = new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            link = false;
        }
        return !link ? e.Message
            : e is FileNotFoundException or DirectoryNotFoundException ? "a broken symbolic link"
            : "a symbolic link that cannot be followed (a loop?)";
    }

    private static string Shown(YamlNode node) => node is YamlScalarNode { Value: var s } ? $"'{s}'" : "a " + node.NodeType.ToString().ToLowerInvariant();

    private SpecException Error(YamlNode node, string reason) => new(file, (int)node.Start.Line, reason);

    private static int LastParsedLine(string yaml)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(yaml));
        int line = 1;
        try
        {
            while (parser.MoveNext()) line = (int)parser.Current!.End.Line;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
        }
        return line;
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
