using Repro.Core.Curvature;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

public class PowerIterationTests
{
    // Well separated outliers over a bulk, so power iteration converges within its 100-step budget.
    private static double[] Spectrum() => [.. KnownSpectrum.Spread(40, -0.3, 1.0), 10.0, 6.0];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FindsTheTopEigenpairsOfAKnownSpectrum(bool rotate)
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate);
        using var top = PowerIteration.Largest(spectrum.Hvp, spectrum.Dimension, 2, new PowerIterationOptions(Tolerance: 1e-8));

        Assert.Equal(10.0, top.Values[0], 5);
        Assert.Equal(6.0, top.Values[1], 5);
        Assert.True(EigenvectorTracking.RotationCosine(top.Vector(0), spectrum.EigenvectorOf(10.0)) > 1 - 1e-5);
        Assert.True(EigenvectorTracking.RotationCosine(top.Vector(1), spectrum.EigenvectorOf(6.0)) > 1 - 1e-5);
        Assert.True(top.HvpCount <= 200);
    }

    [Fact]
    public void PyhessianToleranceGivesTheSharpnessToAboutAThousandth()
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate: true);
        using var top = PowerIteration.Largest(spectrum.Hvp, spectrum.Dimension);

        Assert.True(Math.Abs(top.Values[0] - 10.0) < 1e-2, $"{top.Values[0]}");
    }

    [Fact]
    public void WarmStartFromTheExactEigenvectorStopsAfterTwoProducts()
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate: true);
        using var top = PowerIteration.Largest(spectrum.Hvp, spectrum.Dimension, 1,
            new PowerIterationOptions(WarmStart: spectrum.EigenvectorOf(10.0)));

        Assert.Equal(2, top.HvpCount);
        Assert.Equal(10.0, top.Values[0], 10);
    }

    [Fact]
    public void AWarmStartRepeatingAFoundVectorFallsBackToARandomStart()
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate: true);
        var top = spectrum.EigenvectorOf(10.0);
        using var pairs = PowerIteration.Largest(spectrum.Hvp, spectrum.Dimension, 2,
            new PowerIterationOptions(Tolerance: 1e-8, WarmStart: stack([top, top])));

        Assert.Equal(6.0, pairs.Values[1], 5);
        Assert.False(pairs.Vectors.isnan().any().ToBoolean());
    }

    [Fact]
    public void AnAllZeroHessianGivesZerosNotNan()
    {
        using var top = PowerIteration.Largest(v => zeros_like(v), 10, 2);

        Assert.Equal([0.0, 0.0], top.Values);
        Assert.False(top.Vectors.isnan().any().ToBoolean());
    }
}
