// Linked into every test project (see tests/Directory.Build.props): a project folder for the tool to find and work in.
namespace Repro;

/// <summary>
/// A throwaway project in a <see cref="TemporaryFolder"/>: <c>Repro.sln</c> (which marks the project root),
/// <c>experiments/</c> with one experiment file, and a store at <see cref="StorePath"/> that exists once something
/// writes it. By default the experiment is <see cref="TinyFigure3"/> in <c>figure3.yaml</c>.
/// </summary>
public sealed class TestProject : TemporaryFolder
{
    public const string TinyFigure3 = """
        artifact: Figure3
        description: A small Figure 3 for tests.
        render: figure3
        runs:
          trajectories:
            base: &dln {model: diagonal-linear-2, init: [-0.1, 10.0], optimizer: gd, dtype: float64, steps: 50}
            sweep: {lr: [0.001, 0.011, 0.2]}
          lr_grid:
            base: *dln
            sweep: {lr: [0.005, 0.05]}
        profiles:
          quick: {}
        """;

    /// <summary>A project whose <c>experiments/figure3.yaml</c> holds <paramref name="figure3Yaml"/> (none when null).</summary>
    public TestProject(string? figure3Yaml = TinyFigure3) : this("figure3.yaml", figure3Yaml) { }

    /// <summary>A project whose <c>experiments/</c> holds <paramref name="yaml"/> as <paramref name="experimentFile"/> (nothing when null).</summary>
    public TestProject(string experimentFile, string? yaml) : base("repro-project-")
    {
        Directory.CreateDirectory(ExperimentsPath);
        File.WriteAllText(Combine("Repro.sln"), "");
        if (yaml is not null) WriteExperiment(experimentFile, yaml);
    }

    public string ExperimentsPath => Combine("experiments");

    public string StorePath => Combine("store");

    /// <summary>Writes (or overwrites) <c>experiments/NAME</c>.</summary>
    public void WriteExperiment(string name, string yaml) => File.WriteAllText(Combine("experiments", name), yaml);
}
