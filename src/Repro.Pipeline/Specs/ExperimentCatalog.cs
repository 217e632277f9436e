namespace Repro.Pipeline.Specs;

/// <summary>
/// All artifacts declared in an experiments folder: every <c>*.yaml</c> file, each declaring one artifact or several over
/// one set of runs. A <c>*.yml</c> file is refused rather than silently skipped: experiment files end in <c>.yaml</c>.
/// </summary>
public sealed class ExperimentCatalog
{
    private ExperimentCatalog(IReadOnlyList<ExperimentSpec> artifacts) => Artifacts = artifacts;

    public IReadOnlyList<ExperimentSpec> Artifacts { get; }

    public static ExperimentCatalog Load(string directory, LoadChecks? checks = null)
    {
        if (!Directory.Exists(directory))
            throw new SpecException(directory, 0, "experiments folder not found");
        if (Directory.EnumerateFiles(directory, "*.yml").Order(StringComparer.Ordinal).FirstOrDefault() is { } yml)
            throw new SpecException(yml, 1, "experiment files end in .yaml; rename this file (or move it out of the experiments folder)");
        var specs = new List<ExperimentSpec>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
            foreach (var spec in ExperimentReader.ReadFile(file, checks))
            {
                // Case-insensitively: artifacts become results/<name lower-cased>.* and Cake targets, which ignore case.
                if (specs.FirstOrDefault(s => string.Equals(s.Artifact, spec.Artifact, StringComparison.OrdinalIgnoreCase)) is { } other)
                    throw new SpecException(file, spec.Line, $"artifact '{spec.Artifact}' is already declared in {other.SourceFile}"
                                                            + (other.Artifact == spec.Artifact ? "" : $" as '{other.Artifact}' (names differing only in case collide)"));
                specs.Add(spec);
            }
        return new ExperimentCatalog(specs);
    }

    public ExperimentSpec Artifact(string name) =>
        Artifacts.FirstOrDefault(a => string.Equals(a.Artifact, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no artifact named '{SpecException.OneLine(name)}' (declared: {string.Join(", ", Artifacts.Select(a => a.Artifact))})");
}
