using Repro.Core.Optimizers;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;

namespace Repro.Core.Tests.Optimizers;

/// <summary>Each optimizer is built from the spec's hyperparameters; a hyperparameter never set holds its declared default.</summary>
public class OptimizerCatalogTests
{
    private static Optimizer Create(OptimizerSpec spec) => OptimizerCatalog.Create(spec, [new Parameter(torch.zeros(2))]);

    [Fact]
    public void EachOptimizerIsBuiltFromTheValuesItReads()
    {
        using var sgd = Assert.IsType<GradientDescent>(Create(new OptimizerSpec(OptimizerKind.Sgd, 0.1).With(OptimizerCatalog.Momentum, 0.9)));
        Assert.Equal(0.9, sgd.Momentum);
        using var rms = Assert.IsType<RmsProp>(Create(new OptimizerSpec(OptimizerKind.RmsProp, 0.1).With(OptimizerCatalog.Alpha, 0.5).With(OptimizerCatalog.Epsilon, 1e-4)));
        Assert.Equal((0.5, 1e-4), (rms.Alpha, rms.Epsilon));
        using var clipped = Assert.IsType<ClippedAda>(Create(new OptimizerSpec(OptimizerKind.ClippedAda, 0.1)
            .With(OptimizerCatalog.ClipBound, 0.01).With(OptimizerCatalog.ClipSideChoice, "lower").With(OptimizerCatalog.Beta1, 0.5).With(OptimizerCatalog.Beta2, 0.9)));
        Assert.Equal((0.01, ClipSide.Lower, 0.5, 0.9, 1e-8), (clipped.ClipBound, clipped.Side, clipped.Beta1, clipped.Beta2, clipped.Epsilon));
    }

    [Fact]
    public void UnsetHyperparametersHoldTheirDefaults()
    {
        using var adam = Assert.IsType<Adam>(Create(new OptimizerSpec(OptimizerKind.Adam, 0.1)));
        Assert.Equal((0.9, 0.999, 1e-8), (adam.Beta1, adam.Beta2, adam.Epsilon));
        using var clipped = Assert.IsType<ClippedAda>(Create(new OptimizerSpec(OptimizerKind.ClippedAda, 0.1)));
        Assert.Equal((1.0, ClipSide.Upper), (clipped.ClipBound, clipped.Side));
        Assert.Equal(0.0, HyperparameterValues.Defaults[OptimizerCatalog.Momentum]);
    }

    [Fact]
    public void SpecsAreEqualByValueAndAValueAtItsDefaultIsTheSameAsUnset()
    {
        var spec = new OptimizerSpec(OptimizerKind.Adam, 0.1);
        Assert.Equal(spec, spec.With(OptimizerCatalog.Beta1, 0.9));
        Assert.Equal(spec.With(OptimizerCatalog.Beta1, 0.8), new OptimizerSpec(OptimizerKind.Adam, 0.1).With(OptimizerCatalog.Beta1, 0.8));
        Assert.NotEqual(spec, spec.With(OptimizerCatalog.Beta1, 0.8));
        Assert.Equal(spec, spec.With(OptimizerCatalog.Beta1, 0.8).With(OptimizerCatalog.Beta1, 0.9));
    }

    [Theory]
    [InlineData(1.0, "beta1 must be in [0, 1)")]
    [InlineData(-0.1, "beta1 must be in [0, 1)")]
    [InlineData(double.NaN, "beta1 must be in [0, 1)")]
    public void AValueOutsideItsRangeIsRefused(double value, string reason) =>
        Assert.StartsWith(reason, Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterValues.Defaults.With(OptimizerCatalog.Beta1, value)).Message);

    [Fact]
    public void RangesSayWhatTheyNeed()
    {
        Assert.Equal("must be a positive number", NumberRange.Positive.Problem(double.PositiveInfinity));
        Assert.Equal("must be a positive number", NumberRange.Positive.Problem(0));
        Assert.Null(NumberRange.Positive.Problem(1e-300));
        Assert.Null(NumberRange.UnitInterval.Problem(0));
        Assert.Equal("must be in (0, 1]", new NumberRange(0, false, 1, true).Problem(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterValues.Defaults.With(OptimizerCatalog.ClipSideChoice, "middle"));
    }

    [Fact]
    public void HyperparameterNamesAreUnique() =>
        Assert.Equal(OptimizerCatalog.Hyperparameters.Count, OptimizerCatalog.Hyperparameters.Select(h => h.Name).Distinct().Count());
}
