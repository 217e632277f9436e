namespace Repro.Pipeline.Specs;

/// <summary>One paper artifact as declared in <c>experiments/&lt;name&gt;.yaml</c>.</summary>
public sealed record ExperimentSpec(
    string Artifact,
    string Description,
    string Renderer,
    string SourceFile,
    IReadOnlyList<RunGroupSpec> Groups,
    IReadOnlyDictionary<string, ProfileSpec> Profiles,
    string DefaultProfile)
{
    /// <summary>Every run the artifact needs at <paramref name="profile"/>, in declaration order.</summary>
    public IReadOnlyList<PlannedRun> Resolve(string? profile = null)
    {
        var chosen = Profile(profile ?? DefaultProfile);
        var runs = new List<PlannedRun>();
        foreach (var group in Groups)
        {
            var settings = new Dictionary<string, FieldValue>();
            foreach (var (name, value) in group.Base) settings[name] = value;
            foreach (var (name, value) in chosen.Set) settings[name] = value;

            var axes = group.Sweep.ToList();
            Override(axes, chosen.Sweep);
            if (chosen.Groups.TryGetValue(group.Name, out var own))
            {
                foreach (var (name, value) in own.Set) settings[name] = value;
                Override(axes, own.Sweep);
            }
            foreach (var axis in axes) settings.Remove(axis.Field);

            int index = 0;
            foreach (var point in Product(axes))
            {
                var values = new Dictionary<string, FieldValue>(settings);
                foreach (var (field, value) in point) values[field] = value;
                RunConfig config;
                try
                {
                    config = RunConfig.Complete(values);
                }
                catch (ArgumentException e)
                {
                    throw new SpecException(SourceFile, group.Line, $"runs.{group.Name}: {e.Message} (profile '{chosen.Name}')");
                }
                string label = point.Count == 0 ? "base" : string.Join(",", point.Select(p => $"{p.Field}={p.Value}"));
                runs.Add(new PlannedRun(Artifact, group.Name, index++, label, config));
            }
        }
        return runs;
    }

    public ProfileSpec Profile(string name) =>
        Profiles.TryGetValue(name, out var profile)
            ? profile
            : throw new SpecException(SourceFile, 1,
                $"profile '{name}' does not exist (declared: {string.Join(", ", Profiles.Keys)})");

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
