namespace Repro.Pipeline.Specs;

/// <summary>
/// One paper artifact as declared in an experiment file (<c>experiments/&lt;name&gt;.yaml</c>): its Cake target, the
/// renderer that draws it, and the file's runs and profiles. A file may declare several artifacts over one set of runs;
/// they share <see cref="RunSet"/> (the file's first artifact), so a shared run has one identity, one key and one task.
/// </summary>
public sealed record ExperimentSpec(
    string Artifact,
    string Description,
    string Renderer,
    string SourceFile,
    IReadOnlyList<RunGroupSpec> Groups,
    IReadOnlyDictionary<string, ProfileSpec> Profiles,
    string DefaultProfile)
{
    /// <summary>The name the file's runs are known by (their <see cref="PlannedRun.Identity"/>): the file's first artifact.</summary>
    public string RunSet { get; init; } = Artifact;

    /// <summary>The line declaring the artifact, and the line naming its renderer: where errors about them point.</summary>
    public int Line { get; init; } = 1;
    public int RenderLine { get; init; } = 1;

    /// <summary>Every run the artifact needs at <paramref name="profile"/>, in declaration order.</summary>
    public IReadOnlyList<PlannedRun> Resolve(string? profile = null)
    {
        var chosen = Profile(profile ?? DefaultProfile);
        var runs = new List<PlannedRun>();
        foreach (var group in Groups)
        {
            if (group.ContinueFrom is { } parentGroup)
            {
                runs.AddRange(Continue(group, runs.Where(r => r.Group == parentGroup).ToList(), chosen));
                continue;
            }
            var (settings, lines, axes) = Merge(group, chosen);
            int index = 0;
            foreach (var point in Product(axes))
            {
                var values = new Dictionary<string, FieldValue>(settings);
                foreach (var (field, value) in point) values[field] = value;
                var config = Complete(values, group, chosen);
                string label = point.Count == 0 ? "base" : string.Join(",", point.Select(p => $"{p.Field}={p.Value}"));
                runs.Add(new PlannedRun(RunSet, group.Name, index++, label, config) { Lines = lines });
            }
        }
        return runs;
    }

    /// <summary>
    /// One run per parent run: the parent's resolved fields, then the group's base, then the profile's <c>set</c> for this
    /// group (a profile-wide <c>set</c> or sweep reaches it through the parent only); labelled by the parent's sweep point.
    /// </summary>
    private List<PlannedRun> Continue(RunGroupSpec group, IReadOnlyList<PlannedRun> parents, ProfileSpec chosen)
    {
        var own = chosen.Groups.GetValueOrDefault(group.Name);
        if (own is { Sweep.Count: > 0 })
            throw new SpecException(SourceFile, chosen.Line,
                $"profiles.{chosen.Name}.groups.{group.Name}.sweep: '{group.Name}' continues '{group.ContinueFrom}' run by run; it cannot sweep");
        var lines = new Dictionary<string, int>();
        var overrides = new Dictionary<string, FieldValue>();
        foreach (var (name, value) in group.Base) (overrides[name], lines[name]) = (value, group.Lines?.GetValueOrDefault(name, group.Line) ?? group.Line);
        if (own is not null)
            foreach (var (name, value) in own.Set) (overrides[name], lines[name]) = (value, own.Lines?.GetValueOrDefault(name, chosen.Line) ?? chosen.Line);
        var runs = new List<PlannedRun>();
        foreach (var parent in parents)
        {
            var values = new Dictionary<string, FieldValue>(parent.Config.Values);
            foreach (var (name, value) in overrides) values[name] = value;
            var config = Complete(values, group, chosen);
            runs.Add(new PlannedRun(RunSet, group.Name, runs.Count, parent.Label, config) { Lines = lines, Parent = parent });
        }
        return runs;
    }

    /// <summary>One run's fields completed with their defaults; a combination the fields refuse is an error of the group's line.</summary>
    private RunConfig Complete(Dictionary<string, FieldValue> values, RunGroupSpec group, ProfileSpec chosen)
    {
        try
        {
            return RunConfig.Complete(values);
        }
        catch (ArgumentException e)
        {
            throw new SpecException(SourceFile, group.Line, $"runs.{group.Name}: {e.Message} (profile '{chosen.Name}')");
        }
    }

    /// <summary>How many runs <paramref name="profile"/> resolves to, counted without making them.</summary>
    public long CountRuns(string profile)
    {
        var chosen = Profile(profile);
        long total = 0;
        var counts = new Dictionary<string, long>();
        foreach (var group in Groups)
        {
            long points = 1;
            if (group.ContinueFrom is { } parent) points = counts[parent];
            else
                foreach (var axis in Merge(group, chosen).Axes) points = checked(points * axis.Values.Count);
            counts[group.Name] = points;
            total = checked(total + points);
        }
        return total;
    }

    public ProfileSpec Profile(string name) =>
        Profiles.TryGetValue(name, out var profile)
            ? profile
            : throw new SpecException(SourceFile, 1,
                $"profile '{name}' does not exist (declared: {string.Join(", ", Profiles.Keys)})");

    /// <summary>
    /// A group's fields at a profile (base, then the profile's set, then its set for this group), the line each came from,
    /// and its sweep axes. A field the profile sets while the group sweeps it would be silently lost: that is an error.
    /// </summary>
    private (Dictionary<string, FieldValue> Settings, Dictionary<string, int> Lines, List<SweepAxis> Axes) Merge(RunGroupSpec group, ProfileSpec chosen)
    {
        var settings = new Dictionary<string, FieldValue>();
        var lines = new Dictionary<string, int>();
        void Set(IReadOnlyDictionary<string, FieldValue> fields, IReadOnlyDictionary<string, int>? at, int fallback)
        {
            foreach (var (name, value) in fields)
            {
                settings[name] = value;
                lines[name] = at?.GetValueOrDefault(name, fallback) ?? fallback;
            }
        }
        Set(group.Base, group.Lines, group.Line);
        var axes = group.Sweep.ToList();
        Override(axes, chosen.Sweep);
        chosen.Groups.TryGetValue(group.Name, out var own);
        if (own is not null) Override(axes, own.Sweep);
        foreach (var axis in axes)
        {
            string? where = own is not null && own.Set.ContainsKey(axis.Field) ? $"profiles.{chosen.Name}.groups.{group.Name}.set"
                          : chosen.Set.ContainsKey(axis.Field) ? $"profiles.{chosen.Name}.set" : null;
            if (where is not null)
            {
                int line = (own is not null && own.Set.ContainsKey(axis.Field) ? own.Lines : chosen.Lines)?.GetValueOrDefault(axis.Field, chosen.Line) ?? chosen.Line;
                throw new SpecException(SourceFile, line,
                    $"{where}.{axis.Field}: run group '{group.Name}' sweeps {axis.Field}, so this value would be ignored; set it in the sweep instead");
            }
        }
        Set(chosen.Set, chosen.Lines, chosen.Line);
        if (own is not null) Set(own.Set, own.Lines, chosen.Line);
        foreach (var axis in axes)
        {
            settings.Remove(axis.Field);
            lines[axis.Field] = axis.Line > 0 ? axis.Line : group.Line;
        }
        return (settings, lines, axes);
    }

    private static void Override(List<SweepAxis> axes, IReadOnlyList<SweepAxis> with)
    {
        foreach (var axis in with)
        {
            int existing = axes.FindIndex(a => a.Field == axis.Field);
            if (existing >= 0) axes[existing] = axis; else axes.Add(axis);
        }
    }

    private static IEnumerable<List<(string Field, FieldValue Value)>> Product(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<List<(string, FieldValue)>> points = [[]];
        foreach (var axis in axes)
            points = points.SelectMany(p => axis.Values.Select(v => new List<(string, FieldValue)>(p) { (axis.Field, v) }));
        return points;
    }
}
