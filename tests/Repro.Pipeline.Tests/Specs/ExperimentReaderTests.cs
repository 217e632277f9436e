using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Specs;

public class ExperimentReaderTests
{
    private const string Valid = """
        artifact: Figure3
        description: test
        render: figure3
        runs:
          trajectories:
            base: {model: diagonal-linear-2, init: [-0.1, 10], optimizer: gd, dtype: float64, steps: 10}
            sweep:
              lr: [0.001, 0.011]
        profiles:
          quick: {}
          paper:
            set: {steps: 1000}
        """;

    [Fact]
    public void ValidFileResolvesEverySweepPointWithDefaultsFilledIn()
    {
        var spec = ExperimentReader.Read(Valid, "figure3.yaml");
        var runs = spec.Resolve("quick");
        Assert.Equal(2, runs.Count);
        Assert.Equal("lr=0.011", runs[1].Label);
        Assert.Equal(0.011, runs[1].Config.Number("lr"));
        Assert.Equal(0, runs[1].Config.Integer("seed"));            // default
        Assert.Equal(10, runs[0].Config.Integer("steps"));
        Assert.Equal(1000, spec.Resolve("paper")[0].Config.Integer("steps"));
    }

    [Fact]
    public void LogspaceGridExpandsToCountValuesFromStartToStop()
    {
        var spec = ExperimentReader.Read(Valid.Replace("lr: [0.001, 0.011]", "lr: {logspace: [1.0e-3, 1.0e-1, 3]}"), "f.yaml");
        Assert.Equal(new[] { 0.001, 0.01, 0.1 }, spec.Resolve().Select(r => r.Config.Number("lr")));
    }

    [Theory]
    [InlineData("lr: [0.001, 0.011]", "lr: []", 8, "runs.trajectories.sweep.lr: empty sweep")]
    [InlineData("lr: [0.001, 0.011]", "lr: [-0.1]", 8, "runs.trajectories.sweep.lr: must be a positive number")]
    [InlineData("lr: [0.001, 0.011]", "lr: [fast]", 8, "runs.trajectories.sweep.lr: expected a number, got 'fast'")]
    [InlineData("lr: [0.001, 0.011]", "lrr: [0.1]", 8, "runs.trajectories.sweep: unknown field 'lrr' (did you mean 'lr'?)")]
    [InlineData("lr: [0.001, 0.011]", "lr: [0.1, 0.1]", 8, "runs.trajectories.sweep.lr: the sweep repeats a value")]
    [InlineData("steps: 10}", "steps: 2.5}", 6, "runs.trajectories.base.steps: expected a whole number, got '2.5'")]
    [InlineData("steps: 10}", "steps: 0}", 6, "runs.trajectories.base.steps: must be at least 1")]
    [InlineData("optimizer: gd,", "optimizer: lbfgs,", 6, "runs.trajectories.base.optimizer: 'lbfgs' is not one of gd, sgd, rms-prop, adam, clipped-ada")]
    [InlineData("render: figure3", "render: figure3\ncolour: red", 4, "colour: unknown key (expected one of artifact, description, render, artifacts, default_profile, runs, profiles)")]
    [InlineData("    set: {steps: 1000}", "    set: {steps: 1000}\n    seeds: 5", 13, "profiles.paper.seeds: unknown key (expected one of set, sweep, groups)")]
    [InlineData("artifact: Figure3\n", "", 1, "missing required key 'artifact'")]
    [InlineData("artifact: Figure3", "artifact: figure 3", 1, "artifact: 'figure 3' must be a PascalCase name of letters and digits (it is a Cake target)")]
    [InlineData("optimizer: gd, ", "", 5, "runs.trajectories: missing required field 'optimizer' (profile 'quick')")]
    [InlineData("dtype: float64, ", "", 5, "runs.trajectories: diagonal-linear-2 runs in float64 only (set dtype: float64) (profile 'quick')")]
    [InlineData("init: [-0.1, 10]", "init: [1, 2, 3]", 5, "runs.trajectories: diagonal-linear-2 needs exactly two initial values [a, b] (profile 'quick')")]
    [InlineData("  quick: {}\n", "", 10, "default_profile: profile 'quick' is not declared under profiles")]
    public void MalformedFileGivesOneLineWithFileLineAndReason(string find, string replace, int line, string reason)
    {
        string yaml = Valid.Replace(find, replace);
        Assert.NotEqual(Valid, yaml);
        var error = Assert.Throws<SpecException>(() => ExperimentReader.Read(yaml, "experiments/figure3.yaml"));
        Assert.Equal($"experiments/figure3.yaml:{line}: {reason}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void YamlSyntaxErrorIsOneLineWithItsLine()
    {
        var error = Assert.Throws<SpecException>(() => ExperimentReader.Read(Valid.Replace("lr: [0.001, 0.011]", "lr: [0.001, 0.011"), "f.yaml"));
        Assert.StartsWith("f.yaml:", error.Message);
        Assert.Contains("YAML syntax error", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.InRange(error.Line, 8, 10);
    }

    [Fact]
    public void ProfileThatDoesNotExistIsAnError()
    {
        var spec = ExperimentReader.Read(Valid, "f.yaml");
        var error = Assert.Throws<SpecException>(() => spec.Resolve("nightly"));
        Assert.Equal("f.yaml:1: profile 'nightly' does not exist (declared: quick, paper)", error.Message);
    }

    [Fact]
    public void TrainerRunGetsTheTrainerDefaultsAndTheDiagonalNetworkDoesNot()
    {
        const string yaml = """
            artifact: Figure1
            description: d
            render: figure3
            runs:
              mlp:
                base: {model: mlp, optimizer: gd, lr: 0.1, steps: 10, width: 64, class_balanced: true}
            profiles:
              quick: {}
            """;
        var config = ExperimentReader.Read(yaml, "f.yaml").Resolve().Single().Config;
        Assert.Equal("fashion-mnist", config.Text("dataset"));
        Assert.Equal(64, config.Integer("width"));
        Assert.Equal(3, config.Integer("depth"));
        Assert.True(config.Boolean("class_balanced"));
        var diagonal = ExperimentReader.Read(Valid, "f.yaml").Resolve()[0].Config;
        Assert.False(diagonal.Has("width"));
        Assert.False(diagonal.Has("dataset"));
    }

    [Theory]
    [InlineData("width: 64", "runs.mlp: field 'init' does not apply to model mlp (profile 'quick')", "init: [1, 2]")]
    [InlineData("batch_size: 0", "runs.mlp: gd is full-batch: leave batch_size at 0, or use sgd for minibatches (profile 'quick')", "batch_size: 50")]
    [InlineData("width: 64", "runs.mlp.base.class_balanced: expected true or false, got 'yes'", "class_balanced: yes")]
    public void TrainerRulesAreCheckedAtLoad(string find, string reason, string replace)
    {
        string yaml = """
            artifact: Figure1
            description: d
            render: figure3
            runs:
              mlp:
                base: {model: mlp, optimizer: gd, lr: 0.1, steps: 10, width: 64, batch_size: 0}
            profiles:
              quick: {}
            """.Replace(find, replace);
        var error = Assert.Throws<SpecException>(() => ExperimentReader.Read(yaml, "f.yaml"));
        Assert.EndsWith(reason, error.Message);
    }
}
