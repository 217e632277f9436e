using Repro.Core.Curvature;
using Repro.Pipeline.Runs;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Runs;

public class HessianModeFieldTests
{
    private static RunConfig Config(params (string Name, FieldValue Value)[] extra) =>
        RunConfig.Complete(new Dictionary<string, FieldValue>
        {
            ["model"] = FieldValue.Text("vgg"),
            ["optimizer"] = FieldValue.Text("gd"),
            ["lr"] = FieldValue.Number(0.1),
            ["steps"] = FieldValue.Integer(10),
        }.Concat(extra.Select(e => KeyValuePair.Create(e.Name, e.Value))).ToDictionary());

    [Fact]
    public void DefaultsToEvalTheAuthorsConventionAndReachesTheTrainer()
    {
        Assert.Equal("eval", Config().Text("hessian_mode"));
        Assert.Equal(HessianMode.Eval, Config().Settings.TrainingSpec().HessianMode);
        Assert.Equal(HessianMode.Train, Config(("hessian_mode", FieldValue.Text("train"))).Settings.TrainingSpec().HessianMode);
    }

    [Fact]
    public void EntersTheRunKeyForm()
    {
        Assert.NotEqual(Config().Canonical, Config(("hessian_mode", FieldValue.Text("train"))).Canonical);
        Assert.Contains("hessian_mode=eval", Config().Canonical);
    }
}
