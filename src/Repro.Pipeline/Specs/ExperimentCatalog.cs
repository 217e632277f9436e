namespace Repro.Pipeline.Specs;

/// <summary>All artifacts declared in an experiments folder, one YAML file each.</summary>
public sealed class ExperimentCatalog
{
    private ExperimentCatalog(IReadOnlyList<ExperimentSpec> artifacts) => Artifacts = artifacts;

    public IReadOnlyList<ExperimentSpec> Artifacts { get; }

    public static ExperimentCatalog Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new SpecException(directory, 0, "experiments folder not found");
        var specs = new List<ExperimentSpec>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var spec = ExperimentReader.ReadFile(file);
            if (specs.FirstOrDefault(s => s.Artifact == spec.Artifact) is { } other)
                throw new SpecException(file, 1, $"artifact '{spec.Artifact}' is already declared in {other.SourceFile}");
            specs.Add(spec);
        }
        return new ExperimentCatalog(specs);
    }

    public ExperimentSpec Artifact(string name) =>
        Artifacts.FirstOrDefault(a => string.Equals(a.Artifact, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no artifact named '{name}' (declared: {string.Join(", ", Artifacts.Select(a => a.Artifact))})");
}
