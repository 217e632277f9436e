namespace Repro.Cli.Tests;

/// <summary>Experiment files of cheap two-parameter runs, for tests of what the tool does around training.</summary>
public static class DiagonalExperiment
{
    /// <summary>
    /// Artifact Figure3 with one group, <c>trajectories</c>: the diagonal network from (−0.1, 10) under float64 GD with
    /// <paramref name="fields"/> (<c>steps: 30</c>), swept over <paramref name="sweep"/> (<c>{lr: [0.001, 0.2]}</c>),
    /// with the given profiles (<c>quick: {}</c> when none). It renders as figure1, which needs no lr_grid group.
    /// </summary>
    public static string Trajectories(string fields, string sweep, string description = "Small.", params string[] profiles) => $$"""
        artifact: Figure3
        description: {{description}}
        render: figure1   # figure3 needs an lr_grid group too; these tests render nothing
        runs:
          trajectories:
            base: {model: diagonal-linear-2, init: [-0.1, 10.0], optimizer: gd, dtype: float64, {{fields}}}
            sweep: {{sweep}}
        profiles:
          {{string.Join("\n  ", profiles.DefaultIfEmpty("quick: {}"))}}
        """;
}
