using Repro.Core.Losses;
using Repro.Core.Models;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using Repro.Pipeline.Specs;

namespace Repro.Pipeline.Tests.Specs;

/// <summary>The typed view of a run: every field reaches Core's spec, every enum value has one table row, one divergence default.</summary>
public class RunSettingsTests
{
    private static RunField Field(Hyperparameter parameter) => RunFields.Of(parameter);

    private static RunConfig Complete(params (RunField Field, string Text)[] set) =>
        RunConfig.Complete(set.ToDictionary(s => s.Field.Name, s => FieldText.Parse(s.Field, s.Text)));

    [Fact]
    public void EveryTrainerFieldReachesTheTrainingSpec()
    {
        var config = Complete((RunFields.Model, "vgg"), (RunFields.Optimizer, "clipped-ada"), (RunFields.Lr, "0.003"), (RunFields.Steps, "70"),
            (RunFields.Seed, "4"), (RunFields.DivergenceLoss, "100"), (RunFields.Dataset, "cifar10"), (RunFields.TrainSize, "256"),
            (RunFields.TestSize, "64"), (RunFields.ClassBalanced, "true"), (RunFields.Depth, "2"), (RunFields.Width, "8"),
            (RunFields.Activation, "tanh"), (RunFields.Loss, "cross-entropy"), (RunFields.BatchSize, "32"), (Field(OptimizerCatalog.Momentum), "0.5"),
            (Field(OptimizerCatalog.Beta1), "0.8"), (Field(OptimizerCatalog.Beta2), "0.99"), (Field(OptimizerCatalog.Alpha), "0.9"), (Field(OptimizerCatalog.Epsilon), "1e-6"),
            (Field(OptimizerCatalog.ClipBound), "10"), (Field(OptimizerCatalog.ClipSideChoice), "lower"), (RunFields.WarmupSteps, "2"), (RunFields.CurvatureEvery, "5"), (RunFields.CurvatureMeasures, "[lambda_min, lambda1]"),
            (RunFields.EvaluateEvery, "7"), (RunFields.MetricsEvery, "3"), (RunFields.CheckpointEvery, "11"), (RunFields.HessianSize, "128"),
            (RunFields.TraceProbes, "6"), (RunFields.DistanceToFinalEvery, "9"), (RunFields.StopAtTrainAccuracy, "0.95"));
        var expected = new TrainingSpec("cifar10", 256, 64, new ModelSpec(Architecture.Vgg, 2, 8, Activation.Tanh), LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.ClippedAda, 0.003, 32, 2).With(OptimizerCatalog.Momentum, 0.5).With(OptimizerCatalog.Beta1, 0.8)
                .With(OptimizerCatalog.Beta2, 0.99).With(OptimizerCatalog.Alpha, 0.9).With(OptimizerCatalog.Epsilon, 1e-6).With(OptimizerCatalog.ClipBound, 10)
                .With(OptimizerCatalog.ClipSideChoice, "lower"), 70, 4)
        {
            ClassBalanced = true,
            CurvatureEvery = 5,
            CurvatureMeasures = CurvatureMeasures.Lambda1 | CurvatureMeasures.LambdaMin,
            EvaluateEvery = 7,
            MetricsEvery = 3,
            CheckpointEvery = 11,
            HessianSize = 128,
            TraceProbes = 6,
            DistanceToFinalEvery = 9,
            DivergenceBound = 100,
            StopAtTrainAccuracy = 0.95,
        };
        Assert.Equal(expected, config.Settings.TrainingSpec());
        Assert.True(config.Settings.IsTrainerRun);
        Assert.Null(config.Settings.DiagonalNetwork);
    }

    [Fact]
    public void DiagonalNetworkRunIsDecidedOnceAndHasNoTrainingSpec()
    {
        var settings = Complete((RunFields.Model, "diagonal-linear-2"), (RunFields.Optimizer, "gd"), (RunFields.Lr, "0.01"), (RunFields.Steps, "5"),
                                (RunFields.Init, "[-0.1, 10]"), (RunFields.Dtype, "float64")).Settings;
        Assert.Null(settings.Trainer);
        Assert.Equal([-0.1, 10.0], settings.DiagonalNetwork!.Init);
        Assert.Throws<ArgumentException>(() => settings.TrainingSpec());
    }

    [Fact]
    public void EveryCoreEnumValueHasExactlyOneRowAndNamesRoundTrip()
    {
        static void Check<T>(ChoiceTable<T> table) where T : struct, Enum
        {
            Assert.Equal(Enum.GetValues<T>().Order(), table.All.Select(c => c.Value).Order());
            foreach (var choice in table.All)
            {
                Assert.Equal(choice.Value, table.Parse(table.NameOf(choice.Value)));
                Assert.False(string.IsNullOrWhiteSpace(table.DisplayOf(choice.Value)));
            }
        }
        Check(RunChoices.Optimizers);
        Check(RunChoices.Architectures);
        Check(RunChoices.Activations);
        Check(RunChoices.Losses);
        Assert.Equal(Enum.GetValues<ClipSide>().Order(), OptimizerCatalog.ClipSideChoice.Choices.Select(c => c.Value).Order());
        Assert.Equal(RunChoices.Optimizers.Names, RunFields.Optimizer.Choices);
    }

    [Fact]
    public void TheDivergenceDefaultIsOneValue()
    {
        Assert.Equal(FieldValue.Number(new TrainingSpec("fashion-mnist", 1, 1, new ModelSpec(Architecture.Mlp), LossKind.MeanSquaredError,
                                                        new OptimizerSpec(OptimizerKind.Gd, 0.1), 1, 0).DivergenceBound),
                     RunFields.DivergenceLoss.Default);
        Assert.Equal(1e8, TrainingSpec.DefaultDivergenceBound);   // the value already in every run key
    }

    [Theory]
    [InlineData("steps", "99999999999", "--steps: must be at most 2147483647")]
    [InlineData("width", "3000000000", "--width: must be at most 2147483647")]
    public void IntegersBeyondCoresIntAreRefusedByTheSchema(string name, string text, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => FieldText.Parse(RunFields.Find(name)!, text)).Message);
}
