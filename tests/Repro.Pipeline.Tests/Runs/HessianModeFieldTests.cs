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
    public void Defaults_to_eval_the_authors_convention_and_reaches_the_trainer()
    {
        Assert.Equal("eval", Config().Text("hessian_mode"));
        Assert.Equal(HessianMode.Eval, TrainingSpecs.From(Config()).HessianMode);
        Assert.Equal(HessianMode.Train, TrainingSpecs.From(Config(("hessian_mode", FieldValue.Text("train")))).HessianMode);
    }

    [Fact]
    public void Enters_the_run_key_form()
    {
        Assert.NotEqual(Config().Canonical, Config(("hessian_mode", FieldValue.Text("train"))).Canonical);
        Assert.Contains("hessian_mode=eval", Config().Canonical);
    }
}
