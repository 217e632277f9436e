using System.Globalization;
using Repro.Pipeline.Files;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Repro.Pipeline.Specs;

/// <summary>
/// Reads one experiment file strictly: an unknown key, a wrong type, a missing field or an impossible value
/// stops with a <see cref="SpecException"/> naming file, line and reason, before anything runs.
/// </summary>
public sealed class ExperimentReader
{
    private static readonly string[] TopLevelKeys = ["artifact", "description", "render", "artifacts", "default_profile", "runs", "profiles"];

    /// <summary>Deeper nesting than this is refused before the YAML is built into a tree (30,000 brackets would overflow the stack).</summary>
    public const int MaxDepth = 64;

    private readonly string file;
    private readonly LoadChecks checks;

    private ExperimentReader(string file, LoadChecks checks)
    {
        this.file = file;
        this.checks = checks;
    }

    /// <summary>Every artifact the file at <paramref name="path"/> declares; an unreadable file is one <see cref="SpecException"/> too.</summary>
    public static IReadOnlyList<ExperimentSpec> ReadFile(string path, LoadChecks? checks = null)
    {
        string yaml;
        // A FIFO would block the read, a device such as /dev/zero never end it.
        if (SpecialFile.Kind(path) is { } kind) throw new SpecException(path, 1, $"{kind}, not a regular file; an experiment file must be a file");
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecException(path, 1, $"cannot read the file ({Describe(path, e)})");
        }
        return ReadAll(yaml, path, checks);
    }

    /// <summary>The file's first artifact: the only one of a single-artifact file.</summary>
    public static ExperimentSpec Read(string yaml, string file, LoadChecks? checks = null) => ReadAll(yaml, file, checks)[0];

    /// <summary>Every artifact the file declares (one per <c>artifacts:</c> entry, or the one of <c>artifact:</c>), checked against <paramref name="checks"/>.</summary>
    public static IReadOnlyList<ExperimentSpec> ReadAll(string yaml, string file, LoadChecks? checks = null)
    {
        var reader = new ExperimentReader(file, checks ?? LoadChecks.ContentOnly);
        reader.Prescan(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // YamlDotNet may place an error at end of input one line past the file's last line (found by the fuzz).
            throw new SpecException(file, Math.Clamp((int)e.Start.Line, 1, yaml.Split('\n').Length), "YAML syntax error: " + Innermost(e).Message.Split('\n')[0].Trim());
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this, without a position, for some unterminated flow collections.
            throw new SpecException(file, LastParsedLine(yaml), "YAML syntax error: unterminated [list] or {mapping} near here");
        }
        catch (ArgumentException)
        {
            // YamlDotNet's tree builder throws this, without a position, on an event it cannot place (found by the fuzz).
            throw new SpecException(file, LastParsedLine(yaml), "YAML syntax error: a node YAML cannot place here");
        }
        if (stream.Documents.Count != 1)
            throw new SpecException(file, stream.Documents.Count == 0 ? 1 : (int)stream.Documents[1].RootNode.Start.Line,
                                    $"expected exactly one YAML document, found {stream.Documents.Count}");
        var specs = reader.ReadExperiment(reader.Mapping(stream.Documents[0].RootNode, "the file"));
        reader.CheckAtLoad(specs);
        return specs;
    }

    /// <summary>
    /// One pass over the parser's events, before any tree is built: nesting deeper than <see cref="MaxDepth"/>, an alias
    /// to an anchor not defined above it, and tabs in indentation are reported at their own line.
    /// </summary>
    private void Prescan(string yaml)
    {
        var lines = yaml.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].TrimStart(' ').StartsWith('\t'))
                throw new SpecException(file, i + 1, "a tab in the indentation; YAML indents with spaces only");
        var parser = new Parser(new StringReader(yaml));
        var anchors = new HashSet<string>();
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                if (current is NodeEvent { Anchor.IsEmpty: false } node) anchors.Add(node.Anchor.Value);
                switch (current)
                {
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        throw new SpecException(file, (int)current.Start.Line, $"nested deeper than {MaxDepth} levels");
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                        throw new SpecException(file, (int)current.Start.Line, $"alias *{alias.Value.Value} refers to no anchor &{alias.Value.Value} defined above it");
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Syntax errors are reported, with their position, by the full load that follows.
        }
    }

    private List<ExperimentSpec> ReadExperiment(YamlMappingNode root)
    {
        CheckKeys(root, "", TopLevelKeys);
        var runsNode = Mapping(RequiredChild(root, "runs"), "runs");
        if (runsNode.Children.Count == 0) throw Error(runsNode, "runs: declare at least one run group");
        var groups = new List<RunGroupSpec>();
        foreach (var (keyNode, value) in runsNode.Children)
            groups.Add(ReadGroup(Name(keyNode, "runs"), (int)keyNode.Start.Line, value, groups));

        var profilesNode = Mapping(RequiredChild(root, "profiles"), "profiles");
        if (profilesNode.Children.Count == 0) throw Error(profilesNode, "profiles: declare at least one profile");
        var groupNames = groups.Select(g => g.Name).ToHashSet();
        var profiles = new Dictionary<string, ProfileSpec>();
        foreach (var (keyNode, value) in profilesNode.Children)
        {
            string name = Name(keyNode, "profiles");
            profiles[name] = ReadProfile(name, (int)keyNode.Start.Line, value, groupNames);
        }

        var defaultNode = Child(root, "default_profile");
        string defaultProfile = defaultNode is null ? "quick" : Text(defaultNode, "default_profile");
        if (!profiles.ContainsKey(defaultProfile))
            throw Error(defaultNode ?? RequiredChild(root, "profiles"), $"default_profile: profile '{defaultProfile}' is not declared under profiles");

        var declared = ReadArtifacts(root);
        string runSet = declared[0].Name;
        return declared.Select(a => new ExperimentSpec(a.Name, a.Description, a.Renderer, file, groups, profiles, defaultProfile)
        {
            RunSet = runSet,
            Line = a.Line,
            RenderLine = a.RenderLine,
        }).ToList();
    }

    private sealed record DeclaredArtifact(string Name, string Description, string Renderer, int Line, int RenderLine);

    /// <summary>
    /// Either one artifact (<c>artifact</c>, <c>description</c>, <c>render</c>) or several over the same runs:
    /// <c>artifacts: {Figure1b: {render: figure1b, description: …}, Table1: {render: table1, description: …}}</c>.
    /// </summary>
    private List<DeclaredArtifact> ReadArtifacts(YamlMappingNode root)
    {
        if (Child(root, "artifacts") is not { } many)
        {
            var artifactNode = RequiredChild(root, "artifact");
            string artifact = ArtifactName(artifactNode, Text(artifactNode, "artifact"), "artifact");
            var renderNode = RequiredChild(root, "render");
            return [new(artifact, RequiredText(root, "description"), Text(renderNode, "render"), (int)artifactNode.Start.Line, (int)renderNode.Start.Line)];
        }
        foreach (var single in new[] { "artifact", "description", "render" })
            if (Child(root, single) is { } node)
                throw Error(node, $"{single}: declare either artifact, description and render, or artifacts: {{Name: {{render, description}}}}, not both");
        var map = Mapping(many, "artifacts");
        if (map.Children.Count == 0) throw Error(map, "artifacts: declare at least one artifact");
        var artifacts = new List<DeclaredArtifact>();
        foreach (var (keyNode, value) in map.Children)
        {
            string name = ArtifactName(keyNode, Key(keyNode), "artifacts");
            string at = $"artifacts.{name}";
            var entry = Mapping(value, at);
            CheckKeys(entry, at + ".", ["render", "description"]);
            var renderNode = RequiredChild(entry, "render");
            artifacts.Add(new(name, RequiredText(entry, "description"), Text(renderNode, at + ".render"), (int)keyNode.Start.Line, (int)renderNode.Start.Line));
        }
        return artifacts;
    }

    /// <summary>
    /// Artifact names are Cake targets and file names in results/: PascalCase <c>[A-Z][A-Za-z0-9]*</c>, not one of the
    /// graph's own targets (<see cref="ReservedTargets"/>).
    /// </summary>
    private string ArtifactName(YamlNode node, string name, string at)
    {
        if (!ArtifactPattern.IsMatch(name))
            throw Error(node, $"{at}: '{name}' must be a PascalCase name of letters and digits (it is a Cake target)");
        if (ReservedTargets.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase)) is { } reserved)
            throw Error(node, $"{at}: '{name}' is the name of the build's own target {reserved}; choose another");
        return name;
    }

    /// <summary>The targets build.cake and build/*.cake define themselves; an artifact may not take their names (a test keeps the list complete).</summary>
    public static readonly IReadOnlyList<string> ReservedTargets = ["Default", "Test", "Data", "Status"];

    public static readonly System.Text.RegularExpressions.Regex ArtifactPattern = new("^[A-Z][A-Za-z0-9]*$");

    /// <summary>Group and profile names: <c>[a-z][a-z0-9_-]*</c>, so they are safe in task names, output lines and command lines.</summary>
    public static readonly System.Text.RegularExpressions.Regex GroupPattern = new("^[a-z][a-z0-9_-]*$");

    private string Name(YamlNode keyNode, string where)
    {
        string name = Key(keyNode);
        return GroupPattern.IsMatch(name) ? name
            : throw Error(keyNode, $"{where}: name '{name}' must match [a-z][a-z0-9_-]* (lower-case letters, digits, _ and -)");
    }

    /// <summary>What can only be checked once the whole file is read: renderers and their run groups, run counts, and each run's limits.</summary>
    private void CheckAtLoad(IReadOnlyList<ExperimentSpec> specs)
    {
        var spec = specs[0];
        if (checks.Renderers is { } renderers)
            foreach (var artifact in specs)
            {
                if (!renderers.TryGetValue(artifact.Renderer, out var contract))
                    throw new SpecException(file, artifact.RenderLine,
                        $"render: unknown renderer '{artifact.Renderer}' (known: {string.Join(", ", renderers.Keys)})");
                var missing = contract.Groups.Where(g => spec.Groups.All(group => group.Name != g)).ToList();
                if (missing.Count > 0)
                    throw new SpecException(file, artifact.RenderLine,
                        $"render: renderer '{artifact.Renderer}' needs the run groups {string.Join(", ", contract.Groups)}; missing: {string.Join(", ", missing)}");
                CheckMeasures(spec, artifact, contract);
            }
        foreach (var profile in spec.Profiles.Values)
        {
            long count;
            try
            {
                count = spec.CountRuns(profile.Name);
            }
            catch (OverflowException)
            {
                count = long.MaxValue;
            }
            if (count > checks.MaxRunsPerFile)
                throw new SpecException(file, profile.Line,
                    $"profiles.{profile.Name}: resolves to {count} runs, more than the limit of {checks.MaxRunsPerFile} per file (set {LoadChecks.MaxRunsVariable} to raise it)");
            foreach (var run in spec.Resolve(profile.Name))   // every profile must resolve now, not mid-build
                if (RunLimits.Problem(run.Config.Settings, checks) is var (field, reason))
                    throw new SpecException(file, run.Lines.GetValueOrDefault(field.Name, spec.Groups.First(g => g.Name == run.Group).Line),
                        $"runs.{run.Group}.{field.Name}: {reason} (profile '{profile.Name}')");
        }
    }

    /// <summary>Every run that measures curvature takes the measures the renderer reads, at every profile.</summary>
    private void CheckMeasures(ExperimentSpec spec, ExperimentSpec artifact, RendererContract contract)
    {
        foreach (var profile in spec.Profiles.Values)
            foreach (var run in spec.Resolve(profile.Name))
            {
                if (run.Config.Settings.Trainer is not { CurvatureEvery: > 0 }) continue;
                var taken = run.Config.Words(RunFields.CurvatureMeasures);
                var lacking = contract.Measures.Where(m => !taken.Contains(m)).ToList();
                if (lacking.Count > 0)
                    throw new SpecException(file, run.Lines.GetValueOrDefault(RunFields.CurvatureMeasures.Name, artifact.RenderLine),
                        $"runs.{run.Group}.curvature_measures: renderer '{artifact.Renderer}' reads {string.Join(", ", contract.Measures)}; "
                        + $"this run measures {string.Join(", ", taken)} (profile '{profile.Name}'): add {string.Join(", ", lacking)}");
            }
    }

    private RunGroupSpec ReadGroup(string name, int line, YamlNode node, IReadOnlyList<RunGroupSpec> earlierGroups)
    {
        string where = $"runs.{name}";
        var map = node is YamlScalarNode { Value: null or "" } ? new YamlMappingNode() : Mapping(node, where);
        CheckKeys(map, where + ".", ["base", "sweep", "continue_from"]);
        var lines = new Dictionary<string, int>();
        var baseFields = Child(map, "base") is { } b ? ReadFields(Mapping(b, where + ".base"), where + ".base", lines) : new();
        var sweep = Child(map, "sweep") is { } s ? ReadSweep(Mapping(s, where + ".sweep"), where + ".sweep") : [];
        if (Child(map, "continue_from") is { } from)
        {
            string parent = Text(from, where + ".continue_from");
            var declared = earlierGroups.FirstOrDefault(g => g.Name == parent)
                ?? throw Error(from, $"{where}.continue_from: no run group '{parent}' declared above it (declared: {string.Join(", ", earlierGroups.Select(g => g.Name))})");
            if (declared.ContinueFrom is not null)
                throw Error(from, $"{where}.continue_from: '{parent}' continues '{declared.ContinueFrom}' itself; continue a group that trains from initialisation");
            if (sweep.Count > 0)
                throw Error(Child(map, "sweep")!, $"{where}.sweep: a group that continues '{parent}' has one run per run of it; it cannot sweep");
            return new RunGroupSpec(name, line, baseFields, sweep, lines) { ContinueFrom = parent };
        }
        foreach (var axis in sweep)
            if (baseFields.ContainsKey(axis.Field))
                throw Error(Child(Mapping(Child(map, "sweep")!, where), axis.Field)!, $"{where}.sweep.{axis.Field}: also set in {where}.base; set it in one place");
        return new RunGroupSpec(name, line, baseFields, sweep, lines);
    }

    private ProfileSpec ReadProfile(string name, int line, YamlNode node, IReadOnlySet<string> groupNames)
    {
        string where = $"profiles.{name}";
        var map = node is YamlScalarNode { Value: null or "" } ? new YamlMappingNode() : Mapping(node, where);
        CheckKeys(map, where + ".", ["set", "sweep", "groups"]);
        var lines = new Dictionary<string, int>();
        var set = Child(map, "set") is { } s ? ReadFields(Mapping(s, where + ".set"), where + ".set", lines) : new();
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
                var groupLines = new Dictionary<string, int>();
                groups[group] = new ProfileGroupSpec(group,
                    Child(groupMap, "set") is { } gs ? ReadFields(Mapping(gs, at + ".set"), at + ".set", groupLines) : new(),
                    Child(groupMap, "sweep") is { } gw ? ReadSweep(Mapping(gw, at + ".sweep"), at + ".sweep") : [],
                    groupLines);
            }
        return new ProfileSpec(name, line, set, sweep, groups, lines);
    }

    private Dictionary<string, FieldValue> ReadFields(YamlMappingNode map, string where, Dictionary<string, int> lines)
    {
        var fields = new Dictionary<string, FieldValue>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var field = Field(keyNode, where);
            fields[field.Name] = Value(field, valueNode, $"{where}.{field.Name}");
            lines[field.Name] = (int)keyNode.Start.Line;
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
            axes.Add(new SweepAxis(field.Name, values, (int)keyNode.Start.Line));
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
        if (count > checks.MaxRunsPerFile)
            throw Error(args[2], $"{at}.{kind}: {count} points, more than the limit of {checks.MaxRunsPerFile} runs per file (set {LoadChecks.MaxRunsVariable} to raise it)");
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
            FieldKind.Boolean => Unquoted(node, at) is YamlScalarNode { Value: "true" or "false" } flag
                ? FieldValue.Boolean(flag.Value == "true")
                : throw Error(node, $"{at}: expected true or false, got {Shown(node)}"),
            FieldKind.TextSet => node is YamlSequenceNode words
                ? FieldValue.Words(words.Children.Select(c => Text(c, at)).ToList())
                : throw Error(node, $"{at}: expected a list of words, such as [{string.Join(", ", field.Choices ?? [])}]"),
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
