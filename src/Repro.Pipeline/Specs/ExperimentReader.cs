using Repro.Pipeline.Files;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Repro.Pipeline.Specs;

/// <summary>
/// Reads one experiment file strictly: an unknown key, a wrong type, a missing field or an impossible value
/// stops with a <see cref="SpecException"/> naming file, line and reason, before anything runs.
/// </summary>
public sealed partial class ExperimentReader
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
}
