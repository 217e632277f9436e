using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Repro.Pipeline.Specs;

/// <summary>
/// Reads one experiment file strictly: an unknown key, a wrong type, a missing field or an impossible value
/// stops with a <see cref="SpecException"/> naming file, line and reason, before anything runs.
/// </summary>
public sealed class ExperimentReader
{
    private static readonly string[] TopLevelKeys = ["artifact", "description", "render", "default_profile", "runs", "profiles"];
    private readonly string _file;

    private ExperimentReader(string file) => _file = file;

    public static ExperimentSpec ReadFile(string path) => Read(File.ReadAllText(path), path);

    public static ExperimentSpec Read(string yaml, string file)
    {
        var reader = new ExperimentReader(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SpecException(file, (int)e.Start.Line, "YAML syntax error: " + Innermost(e).Message.Split('\n')[0].Trim());
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this, without a position, for some unterminated flow collections.
            throw new SpecException(file, LastParsedLine(yaml), "YAML syntax error: unterminated [list] or {mapping} near here");
        }
        if (stream.Documents.Count != 1)
            throw new SpecException(file, 1, $"expected exactly one YAML document, found {stream.Documents.Count}");
        var spec = reader.ReadExperiment(reader.Mapping(stream.Documents[0].RootNode, "the file"));
        foreach (var profile in spec.Profiles.Keys) spec.Resolve(profile);   // every profile must resolve now, not mid-build
        return spec;
    }

    private ExperimentSpec ReadExperiment(YamlMappingNode root)
    {
        CheckKeys(root, "", TopLevelKeys);
        string artifact = RequiredText(root, "artifact");
        if (!artifact.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetterUpper(artifact[0]))
            throw Error(Child(root, "artifact")!, $"artifact: '{artifact}' must be a PascalCase name of letters and digits (it is a Cake target)");
        string description = RequiredText(root, "description");
        string renderer = RequiredText(root, "render");

        var runsNode = Mapping(RequiredChild(root, "runs"), "runs");
        if (runsNode.Children.Count == 0) throw Error(runsNode, "runs: declare at least one run group");
        var groups = runsNode.Children.Select(kv => ReadGroup(Key(kv.Key), (int)kv.Key.Start.Line, kv.Value)).ToList();

        var profilesNode = Mapping(RequiredChild(root, "profiles"), "profiles");
        if (profilesNode.Children.Count == 0) throw Error(profilesNode, "profiles: declare at least one profile");
        var groupNames = groups.Select(g => g.Name).ToHashSet();
        var profiles = profilesNode.Children.ToDictionary(kv => Key(kv.Key), kv => ReadProfile(Key(kv.Key), (int)kv.Key.Start.Line, kv.Value, groupNames));

        var defaultNode = Child(root, "default_profile");
        string defaultProfile = defaultNode is null ? "quick" : Text(defaultNode, "default_profile");
        if (!profiles.ContainsKey(defaultProfile))
            throw Error(defaultNode ?? RequiredChild(root, "profiles"), $"default_profile: profile '{defaultProfile}' is not declared under profiles");
        return new ExperimentSpec(artifact, description, renderer, _file, groups, profiles, defaultProfile);
    }

    private RunGroupSpec ReadGroup(string name, int line, YamlNode node)
    {
        string where = $"runs.{name}";
        var map = node is YamlScalarNode { Value: null or "" } ? new YamlMappingNode() : Mapping(node, where);
        CheckKeys(map, where + ".", ["base", "sweep"]);
        var baseFields = Child(map, "base") is { } b ? ReadFields(Mapping(b, where + ".base"), where + ".base") : new();
        var sweep = Child(map, "sweep") is { } s ? ReadSweep(Mapping(s, where + ".sweep"), where + ".sweep") : [];
        foreach (var axis in sweep)
            if (baseFields.ContainsKey(axis.Field))
                throw Error(Child(Mapping(Child(map, "sweep")!, where), axis.Field)!, $"{where}.sweep.{axis.Field}: also set in {where}.base; set it in one place");
        return new RunGroupSpec(name, line, baseFields, sweep);
    }

    private ProfileSpec ReadProfile(string name, int line, YamlNode node, IReadOnlySet<string> groupNames)
    {
        string where = $"profiles.{name}";
        var map = node is YamlScalarNode { Value: null or "" } ? new YamlMappingNode() : Mapping(node, where);
        CheckKeys(map, where + ".", ["set", "sweep", "groups"]);
        var set = Child(map, "set") is { } s ? ReadFields(Mapping(s, where + ".set"), where + ".set") : new();
        var sweep = Child(map, "sweep") is { } w ? ReadSweep(Mapping(w, where + ".sweep"), where + ".sweep") : [];
        var groups = new Dictionary<string, ProfileGroupSpec>();
        if (Child(map, "groups") is { } g)
            foreach (var (keyNode, valueNode) in Mapping(g, where + ".groups").Children)
            {
                string group = Key(keyNode), at = $"{where}.groups.{group}";
                if (!groupNames.Contains(group))
                    throw Error(keyNode, $"{at}: no run group named '{group}' (declared: {string.Join(", ", groupNames)})");
                var groupMap = Mapping(valueNode, at);
                CheckKeys(groupMap, at + ".", ["set", "sweep"]);
                groups[group] = new ProfileGroupSpec(group,
                    Child(groupMap, "set") is { } gs ? ReadFields(Mapping(gs, at + ".set"), at + ".set") : new(),
                    Child(groupMap, "sweep") is { } gw ? ReadSweep(Mapping(gw, at + ".sweep"), at + ".sweep") : []);
            }
        return new ProfileSpec(name, line, set, sweep, groups);
    }

    private Dictionary<string, FieldValue> ReadFields(YamlMappingNode map, string where)
    {
        var fields = new Dictionary<string, FieldValue>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var field = Field(keyNode, where);
            fields[field.Name] = Value(field, valueNode, $"{where}.{field.Name}");
        }
        return fields;
    }

    private List<SweepAxis> ReadSweep(YamlMappingNode map, string where)
    {
        var axes = new List<SweepAxis>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var field = Field(keyNode, where);
            string at = $"{where}.{field.Name}";
            var values = valueNode switch
            {
                YamlSequenceNode seq => seq.Children.Select(v => Value(field, v, at)).ToList(),
                YamlMappingNode grid => Grid(field, grid, at),
                _ => throw Error(valueNode, $"{at}: a sweep is a list of values or {{logspace|linspace: [start, stop, count]}}"),
            };
            if (values.Count == 0) throw Error(valueNode, $"{at}: empty sweep");
            if (values.Distinct().Count() != values.Count) throw Error(valueNode, $"{at}: the sweep repeats a value");
            axes.Add(new SweepAxis(field.Name, values));
        }
        return axes;
    }

    private List<FieldValue> Grid(RunField field, YamlMappingNode grid, string at)
    {
        if (field.Kind != FieldKind.Number || grid.Children.Count != 1)
            throw Error(grid, $"{at}: a grid sweep is {{logspace|linspace: [start, stop, count]}} on a number field");
        var (kindNode, argsNode) = grid.Children.Single();
        string kind = Key(kindNode);
        if (kind is not ("logspace" or "linspace")) throw Error(kindNode, $"{at}: unknown grid '{kind}' (logspace or linspace)");
        if (argsNode is not YamlSequenceNode { Children.Count: 3 } args)
            throw Error(argsNode, $"{at}.{kind}: expected [start, stop, count]");
        double start = Number(args[0], at), stop = Number(args[1], at);
        long count = Integer(args[2], at);
        if (count < 1) throw Error(args[2], $"{at}.{kind}: count must be at least 1");
        if (kind == "logspace" && (start <= 0 || stop <= 0)) throw Error(argsNode, $"{at}.logspace: start and stop must be positive");
        var values = new List<FieldValue>();
        for (long i = 0; i < count; i++)
        {
            double t = count == 1 ? 0 : (double)i / (count - 1);
            double x = kind == "logspace"
                ? Math.Pow(10, Math.Log10(start) + t * (Math.Log10(stop) - Math.Log10(start)))
                : start + t * (stop - start);
            // Rounded to 6 significant digits so the grid's canonical values (and run keys) read cleanly.
            values.Add(Checked(field, FieldValue.Number(double.Parse(x.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)), args, at));
        }
        return values;
    }

    private RunField Field(YamlNode keyNode, string where)
    {
        string name = Key(keyNode);
        return RunFields.Find(name) ?? throw Error(keyNode, $"{where}: unknown field '{name}'" + Suggestion(name));
    }

    private FieldValue Value(RunField field, YamlNode node, string at)
    {
        var value = field.Kind switch
        {
            FieldKind.Text => FieldValue.Text(Text(node, at)),
            FieldKind.Integer => FieldValue.Integer(Integer(node, at)),
            FieldKind.Number => FieldValue.Number(Number(node, at)),
            FieldKind.Boolean => node is YamlScalarNode { Value: "true" or "false" } flag
                ? FieldValue.Boolean(flag.Value == "true")
                : throw Error(node, $"{at}: expected true or false, got {Shown(node)}"),
            FieldKind.NumberList => node is YamlSequenceNode seq
                ? FieldValue.Numbers(seq.Children.Select(c => Number(c, at)).ToList())
                : throw Error(node, $"{at}: expected a list of numbers"),
            _ => throw new InvalidOperationException(field.Kind.ToString()),
        };
        return Checked(field, value, node, at);
    }

    private FieldValue Checked(RunField field, FieldValue value, YamlNode node, string at) =>
        field.Problem(value) is { } problem ? throw Error(node, $"{at}: {problem}") : value;

    private static string Suggestion(string name)
    {
        var close = RunFields.All.Select(f => f.Name).FirstOrDefault(f => Distance(f, name) <= 2);
        return close is null ? "" : $" (did you mean '{close}'?)";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

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
        node is YamlScalarNode { Value: { } s } && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v : throw Error(node, $"{at}: expected a whole number, got {Shown(node)}");

    private double Number(YamlNode node, string at) =>
        node is YamlScalarNode { Value: { } s } && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw Error(node, $"{at}: expected a number, got {Shown(node)}");

    private static string Shown(YamlNode node) => node is YamlScalarNode { Value: var s } ? $"'{s}'" : "a " + node.NodeType.ToString().ToLowerInvariant();

    private SpecException Error(YamlNode node, string reason) => new(_file, (int)node.Start.Line, reason);

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
