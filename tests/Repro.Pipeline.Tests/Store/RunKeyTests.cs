using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

public class RunKeyTests
{
    private static readonly KeyEnvironment Environment = new(1, "0.107.0.0", "2.10.0.0", 2);

    private static RunKey KeyOf(string baseFields, KeyEnvironment? environment = null, string data = "none")
    {
        string yaml = OneRunExperiment.Yaml(baseFields);
        var run = ExperimentReader.Read(yaml, "f.yaml").Resolve().Single();
        return RunKey.For(run.Config, environment ?? Environment, data);
    }

    private const string Reference = "model: diagonal-linear-2, init: [-0.1, 10], optimizer: gd, dtype: float64, steps: 1000, lr: 0.1";

    [Fact]
    public void EqualConfigsWrittenDifferentlyHaveTheSameKey()
    {
        var reference = KeyOf(Reference);
        Assert.Equal(reference.Value, KeyOf("lr: 1e-1, steps: 1000, dtype: float64, optimizer: gd, init: [-1.0e-1, 10.0], model: diagonal-linear-2").Value);
        Assert.Equal(reference.Value, KeyOf(Reference + ", seed: 0, divergence_loss: 100000000").Value);   // defaults spelled out
    }

    [Theory]
    [InlineData("lr: 0.1", "lr: 0.1000001")]
    [InlineData("steps: 1000", "steps: 999")]
    [InlineData("init: [-0.1, 10]", "init: [-0.1, 10.5]")]
    public void ChangingAResultFieldChangesTheKey(string find, string replace) =>
        Assert.NotEqual(KeyOf(Reference).Value, KeyOf(Reference.Replace(find, replace)).Value);

    [Fact]
    public void SeedAndDivergenceBoundAreInTheKey()
    {
        Assert.NotEqual(KeyOf(Reference).Value, KeyOf(Reference + ", seed: 1").Value);
        Assert.NotEqual(KeyOf(Reference).Value, KeyOf(Reference + ", divergence_loss: 1e6").Value);
    }

    [Fact]
    public void EngineVersionsThreadsAndDataAreInTheKey()
    {
        string reference = KeyOf(Reference).Value;
        Assert.NotEqual(reference, KeyOf(Reference, Environment with { EngineVersion = 2 }).Value);
        Assert.NotEqual(reference, KeyOf(Reference, Environment with { Threads = 1 }).Value);
        Assert.NotEqual(reference, KeyOf(Reference, Environment with { LibTorchVersion = "2.11.0.0" }).Value);
        Assert.NotEqual(reference, KeyOf(Reference, Environment with { TorchSharpVersion = "0.108.0.0" }).Value);
        Assert.NotEqual(reference, KeyOf(Reference, data: "sha256:abc").Value);
    }

    /// <summary>
    /// Curvature measures became a choice: a run that measures everything (what every run measured before) or no curvature
    /// at all keeps the key it had, whatever order the words come in; any smaller set is a different run.
    /// </summary>
    [Theory]
    [InlineData("curvature_every: 10, curvature_measures: [lambda1, lambda2, lambda_min, subspace]", false)]
    [InlineData("curvature_every: 10, curvature_measures: [subspace, lambda_min, lambda2, lambda1, lambda1]", false)]
    [InlineData("curvature_measures: [lambda1]", false)]
    [InlineData("curvature_every: 10, curvature_measures: [lambda1]", true)]
    [InlineData("curvature_every: 10", true)]
    [InlineData("curvature_every: 10, curvature_measures: [lambda1, lambda2, subspace]", true)]
    public void CurvatureMeasuresEnterTheKeyOnlyWhereTheyChangeWhatIsMeasured(string measures, bool keyed)
    {
        const string run = "model: mlp, optimizer: gd, lr: 0.1, steps: 10";
        var key = KeyOf($"{run}, {measures}");
        Assert.Equal(keyed, key.Inputs.ContainsKey("config.curvature_measures"));
        // The key before the field existed: the same inputs without it.
        var before = key.Inputs.Where(kv => kv.Key != "config.curvature_measures").ToDictionary();
        Assert.Equal(!keyed, RunKey.Hash(before) == key.Value);
    }

    [Fact]
    public void MeasureSetsWrittenInAnyOrderAreOneKey() =>
        Assert.Equal(KeyOf("model: mlp, optimizer: gd, lr: 0.1, steps: 10, curvature_every: 5, curvature_measures: [lambda2, lambda1]").Value,
                     KeyOf("model: mlp, optimizer: gd, lr: 0.1, steps: 10, curvature_every: 5, curvature_measures: [lambda1, lambda2]").Value);

    /// <summary>
    /// Convolutional nets' Hessian sets went from chunks of 1,024 to 256 (the same Hessian to float rounding): the key
    /// of a convolutional run that measures curvature names the chunk, and every other key stays what it was.
    /// </summary>
    [Theory]
    [InlineData("model: vgg, dataset: cifar10, optimizer: gd, lr: 0.1, steps: 10, curvature_every: 10", "256")]
    [InlineData("model: resnet, dataset: cifar10, optimizer: gd, lr: 0.1, steps: 10, curvature_every: 10", "256")]
    [InlineData("model: cnn, optimizer: gd, lr: 0.1, steps: 10, curvature_every: 10", "256")]
    [InlineData("model: vgg, dataset: cifar10, optimizer: gd, lr: 0.1, steps: 10", null)]
    [InlineData("model: mlp, optimizer: gd, lr: 0.1, steps: 10, curvature_every: 10", null)]
    [InlineData(Reference, null)]
    public void TheHessianChunkIsInTheKeyOfConvolutionalRunsWithCurvature(string fields, string? chunk)
    {
        var key = KeyOf(fields);
        Assert.Equal(chunk, key.Inputs.GetValueOrDefault("hessian_chunk"));
        if (chunk is null) return;
        // An entry made before the change had the same inputs without the chunk: stale, and status says why.
        var before = key.Inputs.Where(kv => kv.Key != "hessian_chunk").ToDictionary();
        Assert.NotEqual(RunKey.Hash(before), key.Value);
        Assert.Equal(["hessian_chunk added (256)"], key.ChangesSince(before));
    }

    [Fact]
    public void ChangesSinceNamesTheChangedInput()
    {
        var old = KeyOf(Reference);
        var now = KeyOf(Reference.Replace("lr: 0.1", "lr: 0.2"));
        Assert.Equal(["config.lr 0.1 -> 0.2"], now.ChangesSince(old.Inputs));
    }
}
