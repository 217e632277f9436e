using Repro.Core.Optimizers;
using Repro.Pipeline.Specs;
using Repro.Pipeline.Store;

namespace Repro.Pipeline.Tests.Store;

/// <summary>
/// A field added from now on (a new optimizer hyperparameter, say) is marked <see cref="RunField.OutOfKeyAtDefault"/>:
/// the key leaves it out while it holds its default, so no existing key changes; the fields before the rule are hashed
/// at every value, as they always were.
/// </summary>
public class KeyAtDefaultTests
{
    private static readonly KeyEnvironment Environment = new(1, "0.107.0.0", "2.10.0.0", 2);

    /// <summary>A field as a new hyperparameter gets it (<c>lion_beta</c>, with a default of 0.9).</summary>
    private static readonly RunField Added = new("lion_beta", FieldKind.Number, "Lion's β.", FieldValue.Number(0.9),
        Models: RunFields.TrainerModels, OutOfKeyAtDefault: true);

    private static RunConfig Config(params (string Name, FieldValue Value)[] extra)
    {
        var set = new Dictionary<string, FieldValue>
        {
            [RunFields.Model.Name] = FieldValue.Text("mlp"),
            [RunFields.Optimizer.Name] = FieldValue.Text("adam"),
            [RunFields.Lr.Name] = FieldValue.Number(0.001),
            [RunFields.Steps.Name] = FieldValue.Integer(10),
        };
        var values = RunConfig.Complete(set).Values.ToDictionary();
        foreach (var (name, value) in extra) values[name] = value;
        return new RunConfig(values);
    }

    /// <summary>The key of a config made by today's fields and <see cref="Added"/>.</summary>
    private static string KeyWith(RunConfig config) => RunKey.For(config, Environment, "none", fields: [.. RunFields.All, Added]).Value;

    [Fact]
    public void AnAddedFieldAtItsDefaultLeavesTheKeyAndAnotherValueChangesIt()
    {
        string before = RunKey.For(Config(), Environment, "none").Value;   // the key before the field existed
        Assert.Equal(before, KeyWith(Config()));
        Assert.Equal(before, KeyWith(Config((Added.Name, FieldValue.Number(0.9)))));
        Assert.Equal(before, KeyWith(Config((Added.Name, FieldValue.Number(9e-1)))));
        var other = RunKey.For(Config((Added.Name, FieldValue.Number(0.95))), Environment, "none", fields: [.. RunFields.All, Added]);
        Assert.NotEqual(before, other.Value);
        Assert.Equal(["config.lion_beta added (0.95)"], other.ChangesSince(RunKey.For(Config(), Environment, "none").Inputs));
        // The same field without the flag (every field made before the rule) changes every key it is filled into.
        Assert.NotEqual(before, RunKey.For(Config((Added.Name, FieldValue.Number(0.9))), Environment, "none",
                                           fields: [.. RunFields.All, Added with { OutOfKeyAtDefault = false }]).Value);
    }

    [Fact]
    public void EveryFieldOfTodayIsHashedAtItsDefault()
    {
        Assert.All(RunFields.All, f => Assert.False(f.OutOfKeyAtDefault, f.Name));
        var key = RunKey.For(Config(), Environment, "none");
        foreach (var parameter in OptimizerCatalog.Hyperparameters)
            Assert.True(key.Inputs.ContainsKey("config." + parameter.Name), parameter.Name);
    }

    /// <summary>A hyperparameter of Core's table past the seven of today gets the flag without a line in the pipeline.</summary>
    [Fact]
    public void HyperparameterFieldsComeFromCoresTableInOrderWithTheirDefaultsAndRanges()
    {
        Assert.Equal(OptimizerCatalog.Hyperparameters.Select(h => h.Name), RunFields.Hyperparameters.Select(f => f.Name));
        Assert.Equal(["momentum", "beta1", "beta2", "alpha", "epsilon", "clip_bound", "clip_side"], RunFields.Hyperparameters.Select(f => f.Name));
        var beta1 = RunFields.Of(OptimizerCatalog.Beta1);
        Assert.Equal(FieldValue.Number(0.9), beta1.Default);
        Assert.Equal("must be in [0, 1)", beta1.Problem(FieldValue.Number(1)));
        Assert.Equal("must be a positive number", RunFields.Of(OptimizerCatalog.Epsilon).Problem(FieldValue.Number(double.NaN)));
        Assert.Equal("'middle' is not one of upper, lower", RunFields.Of(OptimizerCatalog.ClipSideChoice).Problem(FieldValue.Text("middle")));
    }
}
