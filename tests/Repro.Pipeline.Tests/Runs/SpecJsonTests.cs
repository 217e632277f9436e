using System.Security.Cryptography;
using System.Text.Json;
using Repro.Core.Training;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Runs;

/// <summary>
/// <c>spec.json</c> is a file of every store entry (its hash is in the manifest, <c>repro reproduce</c> compares it) and
/// what a resumed run and <c>repro curvature</c> rebuild the run from: its bytes are written down here.
/// </summary>
public sealed class SpecJsonTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("spec-json-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static TrainingSpec SpecOf(string fields)
    {
        string yaml = OneRunExperiment.Yaml(fields);
        return ExperimentReader.Read(yaml, "f.yaml").Resolve().Single().Config.Settings.TrainingSpec();
    }

    [Theory]
    [InlineData("model: mlp, optimizer: clipped-ada, lr: 0.001, steps: 10, batch_size: 50, clip_bound: 0.01, clip_side: lower, beta1: 0.5, epsilon: 1e-6, warmup_steps: 3",
                "626a177b797d013d8dabe14aa123e077fdc7279d2d48480f5ce8abee64bbf0ae")]
    [InlineData("model: cnn, optimizer: rms-prop, lr: 0.01, steps: 10, alpha: 0.9", "e05df58fb94591d7340f00f8072d2e7e88fabcc51b6d5356e34a1992745ad748")]
    [InlineData("model: mlp, optimizer: sgd, lr: 0.1, steps: 10, batch_size: 10, momentum: 0.9", "2d1b0aa24020d4e6dfde7704509c569153e239242e99346acdc7f6dfb4cb9bdb")]
    [InlineData("model: mlp, optimizer: gd, lr: 0.1, steps: 10", "9a86fc407ea3e7e375b11b3d02912fe5cd708d07debdd5e46d295e780fbae0e3")]
    public void SpecJsonBytesAreAsCommittedAndReadBack(string fields, string sha256)
    {
        var spec = SpecOf(fields);
        string path = Path.Combine(folder, "spec.json");
        File.WriteAllText(path, JsonSerializer.Serialize(spec, TrainingRun.SpecJson));
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        Assert.Equal(spec, TrainingRun.ReadSpecFile(path));
    }

    /// <summary>The optimizer's part of the first file above, spelled out: every hyperparameter by name, the choice as Core's enum.</summary>
    [Fact]
    public void TheOptimizerIsWrittenWithEveryHyperparameter()
    {
        var spec = SpecOf("model: mlp, optimizer: clipped-ada, lr: 0.001, steps: 10, batch_size: 50, clip_bound: 0.01, clip_side: lower, beta1: 0.5, epsilon: 1e-6, warmup_steps: 3");
        string json = JsonSerializer.Serialize(spec, TrainingRun.SpecJson).ReplaceLineEndings("\n");
        Assert.Contains("""
              "Optimizer": {
                "Kind": "ClippedAda",
                "LearningRate": 0.001,
                "BatchSize": 50,
                "Momentum": 0,
                "Beta1": 0.5,
                "Beta2": 0.999,
                "Alpha": 0.99,
                "Epsilon": 1E-06,
                "ClipBound": 0.01,
                "ClipSide": "Lower",
                "WarmupSteps": 3,
                "Schedule": {
                  "LearningRate": 0.001,
                  "WarmupSteps": 3
                }
              },
            """.ReplaceLineEndings("\n"), json);
    }

    /// <summary>A spec.json whose hyperparameter is out of range or of the wrong type is bad input: one line, no stack trace.</summary>
    [Theory]
    [InlineData("\"Beta1\": 0.9", "\"Beta1\": 5", "beta1 must be in [0, 1)")]
    [InlineData("\"ClipSide\": \"Upper\"", "\"ClipSide\": \"Middle\"", "clip_side must be one of upper, lower")]
    [InlineData("\"Epsilon\": 1E-08", "\"Epsilon\": \"small\"", "not a spec.json written by repro")]
    public void ABadHyperparameterInSpecJsonIsRejected(string find, string replace, string reason)
    {
        string path = Path.Combine(folder, "spec.json");
        string json = JsonSerializer.Serialize(SpecOf("model: mlp, optimizer: adam, lr: 0.001, steps: 10"), TrainingRun.SpecJson);
        Assert.Contains(find, json);
        File.WriteAllText(path, json.Replace(find, replace));
        var error = Assert.Throws<InvalidDataException>(() => TrainingRun.ReadSpecFile(path));
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }
}

