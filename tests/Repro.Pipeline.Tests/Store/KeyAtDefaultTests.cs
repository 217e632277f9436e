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

    /// <summary>A field as a new hyperparameter gets it (<c>example_beta</c>, with a default of 0.9).</summary>
    private static readonly RunField Added = new("example_beta", FieldKind.Number, "An added optimizer's β.", FieldValue.Number(0.9),
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
        Assert.Equal(["config.example_beta added (0.95)"], other.ChangesSince(RunKey.For(Config(), Environment, "none").Inputs));
        // The same field without the flag (every field made before the rule) changes every key it is filled into.
        Assert.NotEqual(before, RunKey.For(Config((Added.Name, FieldValue.Number(0.9))), Environment, "none",
                                           fields: [.. RunFields.All, Added with { OutOfKeyAtDefault = false }]).Value);
    }

    /// <summary>The run fields when the rule came in (issue 26): hashed at every value, as they always were.</summary>
    private static readonly string[] FieldsBeforeTheRule =
    [
        "model", "optimizer", "lr", "steps", "seed", "divergence_loss", "dtype", "init", "dataset", "train_size", "test_size", "validation_size",
        "class_balanced", "depth", "width", "activation", "loss", "batch_size", "momentum", "beta1", "beta2", "alpha", "epsilon", "clip_bound",
        "clip_side", "warmup_steps", "curvature_every", "curvature_measures", "evaluate_every", "metrics_every", "checkpoint_every", "hessian_size",
        "hessian_mode", "trace_probes", "distance_to_final_every", "device", "stop_at_train_accuracy",
    ];

    /// <summary>Those fields keep their keys; every field added since (a hyperparameter from Core's table, say) carries the flag.</summary>
    [Fact]
    public void FieldsBeforeTheRuleAreHashedAtTheirDefaultAndEveryLaterFieldIsNot()
    {
        Assert.Equal(FieldsBeforeTheRule, RunFields.All.Select(f => f.Name).Where(FieldsBeforeTheRule.Contains));
        Assert.All(RunFields.All, f => Assert.Equal(!FieldsBeforeTheRule.Contains(f.Name), f.OutOfKeyAtDefault));
        var key = RunKey.For(Config(), Environment, "none");
        foreach (var parameter in OptimizerCatalog.Hyperparameters.Where(h => FieldsBeforeTheRule.Contains(h.Name)))
            Assert.True(key.Inputs.ContainsKey("config." + parameter.Name), parameter.Name);
    }

    [Fact]
    public void HyperparameterFieldsComeFromCoresTableInOrderWithTheirDefaultsAndRanges()
    {
        Assert.Equal(OptimizerCatalog.Hyperparameters.Select(h => h.Name), RunFields.Hyperparameters.Select(f => f.Name));
        var beta1 = RunFields.Of(OptimizerCatalog.Beta1);
        Assert.Equal(FieldValue.Number(0.9), beta1.Default);
        Assert.Equal("must be in [0, 1)", beta1.Problem(FieldValue.Number(1)));
        Assert.Equal("must be a positive number", RunFields.Of(OptimizerCatalog.Epsilon).Problem(FieldValue.Number(double.NaN)));
        Assert.Equal("'middle' is not one of upper, lower", RunFields.Of(OptimizerCatalog.ClipSideChoice).Problem(FieldValue.Text("middle")));
    }
}
