using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

/// <summary>
/// Run keys written down: the committed results and every store hold runs under these keys, so a change to how fields
/// are declared, filled or hashed must leave every one of them as it is. One run per optimizer, each at its defaults and
/// with every hyperparameter it reads away from its default, plus the diagonal network.
/// </summary>
public class GoldenKeyTests
{
    private static readonly KeyEnvironment Environment = new(1, "0.107.0.0", "2.10.0.0", 2);

    private const string Mlp = "model: mlp, dataset: fashion-mnist, steps: 100, curvature_every: 50";

    [Theory]
    [InlineData("diagonal", "model: diagonal-linear-2, init: [-0.1, 10], optimizer: gd, dtype: float64, steps: 1000, lr: 0.1", "6e1df68d1ab6db87c828acb4")]
    [InlineData("gd", Mlp + ", optimizer: gd, lr: 0.1", "2cf586f15c4c917dabde6a49")]
    [InlineData("sgd", Mlp + ", optimizer: sgd, lr: 0.1, batch_size: 50", "24e215aca7734093186e45ba")]
    [InlineData("sgd_momentum", Mlp + ", optimizer: sgd, lr: 0.1, batch_size: 50, momentum: 0.9", "bdfae4f7c0c54dcdb7184d04")]
    [InlineData("rms_prop", Mlp + ", optimizer: rms-prop, lr: 0.001", "86f802e8329b0377e23e5e45")]
    [InlineData("rms_prop_set", Mlp + ", optimizer: rms-prop, lr: 0.001, alpha: 0.9, epsilon: 1e-6", "85e7bfdef83fe196a3ac1b5a")]
    [InlineData("adam", Mlp + ", optimizer: adam, lr: 0.001, batch_size: 50", "b047f52c77f8a06f8cfe8101")]
    [InlineData("adam_set", Mlp + ", optimizer: adam, lr: 0.001, beta1: 0.8, beta2: 0.99, epsilon: 1e-7, warmup_steps: 10", "8717c324ab52fae96efc9363")]
    [InlineData("clipped_ada", Mlp + ", optimizer: clipped-ada, lr: 0.001, clip_bound: 0.1", "e3b5067f68db7775169122b7")]
    [InlineData("clipped_ada_set", Mlp + ", optimizer: clipped-ada, lr: 0.001, clip_bound: 0.01, clip_side: lower, beta1: 0.5, beta2: 0.9, epsilon: 1e-6", "9dfa6c2265ecf18a54230695")]
    [InlineData("clipped_ada_vgg", "model: vgg, dataset: cifar10, optimizer: clipped-ada, lr: 0.001, clip_bound: 10, batch_size: 32, curvature_every: 10, curvature_measures: [lambda1, preconditioned_lambda1], steps: 20", "ffbb5b3de2d4c4a0600bfada")]
    public void KeysAreAsCommitted(string group, string fields, string key)
    {
        string yaml = $$"""
            artifact: Figure3
            description: d
            render: figure3
            runs:
              {{group}}:
                base: {{{fields}}}
            profiles:
              quick: {}
            """;
        var run = ExperimentReader.Read(yaml, "f.yaml").Resolve().Single();
        Assert.Equal(key, RunKey.For(run.Config, Environment, "sha256:data").Value);
    }
}
