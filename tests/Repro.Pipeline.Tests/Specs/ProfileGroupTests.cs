using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Specs;

public class ProfileGroupTests
{
    private const string TwoGroups = """
        artifact: Figure1b
        description: test
        render: figure1b
        runs:
          mlp:
            base: {model: mlp, optimizer: gd, steps: 100}
            sweep: {lr: [0.1, 0.2]}
          vgg:
            base: {model: vgg, dataset: cifar10, loss: cross-entropy, optimizer: gd, steps: 100, train_size: 5120}
            sweep: {lr: [0.1, 0.2]}
        profiles:
          quick:
            set: {seed: 3}
            groups:
              vgg:
                set: {train_size: 128, steps: 10}
                sweep: {lr: [3.0]}
          paper: {}
        """;

    [Fact]
    public void AProfileChangesOnlyTheGroupsItNamesAfterItsOwnSettings()
    {
        var spec = ExperimentReader.Read(TwoGroups, "figure1b.yaml");
        var quick = spec.Resolve("quick");
        var mlp = quick.Where(r => r.Group == "mlp").ToList();
        var vgg = quick.Where(r => r.Group == "vgg").ToList();
        Assert.Equal(new[] { 0.1, 0.2 }, mlp.Select(r => r.Config.Number("lr")));
        Assert.All(mlp, r => Assert.Equal(100, r.Config.Integer("steps")));
        Assert.Equal(new[] { 3.0 }, vgg.Select(r => r.Config.Number("lr")));
        Assert.Equal(128, vgg[0].Config.Integer("train_size"));
        Assert.Equal(10, vgg[0].Config.Integer("steps"));
        Assert.All(quick, r => Assert.Equal(3, r.Config.Integer("seed")));
        Assert.Equal(5120, spec.Resolve("paper").First(r => r.Group == "vgg").Config.Integer("train_size"));
    }

    [Fact]
    public void AProfileNamingAnUnknownGroupIsAOneLineError()
    {
        var e = Assert.Throws<SpecException>(() => ExperimentReader.Read(TwoGroups.Replace("      vgg:\n        set", "      resnet:\n        set"), "f.yaml"));
        Assert.Contains("profiles.quick.groups.resnet: no run group named 'resnet'", e.Message);
    }
}
