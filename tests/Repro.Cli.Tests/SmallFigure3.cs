namespace Repro.Cli.Tests;

/// <summary>The command tests' experiment: Figure 3 with three 30-step diagonal-linear runs, trained in well under a second.</summary>
internal static class SmallFigure3
{
    public const string Yaml = """
        artifact: Figure3
        description: Small.
        render: figure3
        runs:
          trajectories:
            base: &dln {model: diagonal-linear-2, init: [-0.1, 10.0], optimizer: gd, dtype: float64, steps: 30}
            sweep: {lr: [0.001, 0.2]}
          lr_grid:
            base: *dln
            sweep: {lr: [0.01]}
        profiles:
          quick: {}

        """;

    /// <summary>The same with a paper profile of 40 steps.</summary>
    public const string WithPaperProfile = Yaml + """
          paper:
            set: {steps: 40}
        """;
}
