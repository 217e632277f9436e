namespace Repro.Pipeline.Tests;

/// <summary>A throwaway project folder (Repro.sln, experiments/, store) that deletes itself.</summary>
public sealed class TempProject : IDisposable
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

    public TempProject(string figure3Yaml = TinyFigure3)
    {
        Root = Path.Combine(Path.GetTempPath(), "repro-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "experiments"));
        File.WriteAllText(Path.Combine(Root, "Repro.sln"), "");
        WriteExperiment("figure3.yaml", figure3Yaml);
    }

    public string Root { get; }
    public string StorePath => Path.Combine(Root, "store");

    public void WriteExperiment(string name, string yaml) => File.WriteAllText(Path.Combine(Root, "experiments", name), yaml);

    public Workspace Open() => Workspace.Open(Root, store: StorePath, threads: 2);

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
