using Repro.Core.Curvature;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

public class LanczosTests
{
    private static double[] Spectrum()
    {
        // Two clear outliers above a bulk, and a negative edge: like a trained network's Hessian.
        var bulk = KnownSpectrum.Spread(60, -0.5, 2.0);
        return [.. bulk, 10.0, 7.0, 5.0, -3.0];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FindsTheTopEigenpairsAndLambdaMinOfAKnownSpectrum(bool rotate)
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate);
        using var result = Lanczos.Extremes(spectrum.Hvp, spectrum.Dimension, 3, 1, new LanczosOptions(Tolerance: 1e-8));

        Assert.Equal(10.0, result.Largest.Values[0], 6);
        Assert.Equal(7.0, result.Largest.Values[1], 6);
        Assert.Equal(5.0, result.Largest.Values[2], 6);
        Assert.Equal(-3.0, result.MostNegative, 6);
        Assert.Equal(10.0, result.Sharpness, 6);
        foreach (var (value, i) in new[] { 10.0, 7.0, 5.0 }.Select((v, i) => (v, i)))
            Assert.True(EigenvectorTracking.RotationCosine(result.Largest.Vector(i), spectrum.EigenvectorOf(value)) > 1 - 1e-6);
        Assert.True(EigenvectorTracking.RotationCosine(result.Smallest.Vector(0), spectrum.EigenvectorOf(-3.0)) > 1 - 1e-6);
        Assert.True(result.Largest.HvpCount < spectrum.Dimension);
    }

    [Fact]
    public void StopsWhenTheRelativeResidualReachesTheTolerance()
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate: true);
        using var top = Lanczos.Largest(spectrum.Hvp, spectrum.Dimension, 1, new LanczosOptions(Tolerance: 1e-3));

        var v = top.Vector(0);
        var residual = (spectrum.Hvp(v) - v * top.Values[0]).norm().ToDouble();
        Assert.True(residual <= 1e-3 * top.Values[0] * 1.0001, $"residual {residual}");
        Assert.True(top.HvpCount < 30, $"{top.HvpCount} HVPs");
    }

    [Fact]
    public void RitzVectorsAreOrthonormal()
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate: true);
        using var top = Lanczos.Largest(spectrum.Hvp, spectrum.Dimension, 4, new LanczosOptions(Tolerance: 1e-6));

        var gram = top.Vectors.matmul(top.Vectors.T);
        var error = (gram - eye(4, dtype: float64)).abs().max().ToDouble();
        Assert.True(error < 1e-10, $"max |VVᵀ − I| = {error}");
        Assert.Equal(new long[] { 4, spectrum.Dimension }, top.Vectors.shape);
        Assert.True(top.Values.Zip(top.Values.Skip(1)).All(pair => pair.First >= pair.Second));
    }

    [Fact]
    public void WarmStartFromTheExactEigenvectorConvergesInVeryFewProducts()
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate: true);
        var exact = spectrum.EigenvectorOf(10.0);

        using var top = Lanczos.Largest(spectrum.Hvp, spectrum.Dimension, 1, new LanczosOptions(WarmStart: exact));

        Assert.True(top.HvpCount <= 3, $"{top.HvpCount} HVPs");
        Assert.Equal(10.0, top.Values[0], 8);
    }

    [Fact]
    public void WarmStartFromTheExactTopBlockFindsAllOfItInAsManyProducts()
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate: true);
        var block = stack([spectrum.EigenvectorOf(10.0), spectrum.EigenvectorOf(7.0), spectrum.EigenvectorOf(5.0)]);

        using var top = Lanczos.Largest(spectrum.Hvp, spectrum.Dimension, 3, new LanczosOptions(WarmStart: block));

        Assert.Equal(3, top.HvpCount);
        Assert.Equal([10.0, 7.0, 5.0], top.Values.Select(v => Math.Round(v, 8)));
        Assert.Equal(1.0, EigenvectorTracking.SubspaceSimilarity(top.Vectors, block), 8);
    }

    [Fact]
    public void ANearbyWarmStartBeatsAColdStart()
    {
        var spectrum = new KnownSpectrum(Spectrum(), rotate: true);
        var nearby = spectrum.EigenvectorOf(10.0) + 0.05 * randn(spectrum.Dimension, float64, generator: new Generator(11));

        using var cold = Lanczos.Largest(spectrum.Hvp, spectrum.Dimension, 1, new LanczosOptions(Tolerance: 1e-6));
        using var warm = Lanczos.Largest(spectrum.Hvp, spectrum.Dimension, 1, new LanczosOptions(Tolerance: 1e-6, WarmStart: nearby));

        Assert.Equal(10.0, warm.Values[0], 5);
        Assert.True(warm.HvpCount < cold.HvpCount, $"warm {warm.HvpCount}, cold {cold.HvpCount}");
    }

    [Fact]
    public void AnAllZeroHessianGivesZerosNotNan()
    {
        Hvp zero = v => zeros_like(v);
        using var result = Lanczos.Extremes(zero, 20, 3, 1);

        Assert.All(result.Largest.Values, value => Assert.Equal(0.0, value));
        Assert.Equal(0.0, result.MostNegative);
        Assert.False(result.Largest.Vectors.isnan().any().ToBoolean());
        Assert.True(result.Largest.HvpCount <= 3);
    }

    [Fact]
    public void RecoversTheWholeSpectrumOfASmallOperator()
    {
        double[] eigenvalues = [4, -1, 2, 0.5, 3];
        var spectrum = new KnownSpectrum(eigenvalues, rotate: true);
        using var all = Lanczos.Largest(spectrum.Hvp, spectrum.Dimension, 5, new LanczosOptions(Tolerance: 1e-10));

        Assert.Equal(eigenvalues.OrderDescending().ToArray(), all.Values.Select(v => Math.Round(v, 8)).ToArray());
        Assert.True(all.HvpCount <= 5);
    }

    [Fact]
    public void RelativeToSpectrumFindsANearZeroLambdaMinToLambda1AccuracyInFewerProducts()
    {
        // λ_min = −0.05 beside λ₁ = 10: per-pair tolerance asks for residual 5e-5, the spectrum-relative one for 1e-2.
        // A Ritz value with residual r lies within r²/gap of an isolated eigenvalue (gap 0.06 to the bulk here).
        var spectrum = new KnownSpectrum([10.0, 6.0, .. KnownSpectrum.Spread(150, 0.01, 3.0), -0.05], rotate: true);
        using var perPair = Lanczos.Extremes(spectrum.Hvp, spectrum.Dimension, 1, 1, new LanczosOptions(1e-3, MaxIterations: 150, Seed: 1));
        using var relative = Lanczos.Extremes(spectrum.Hvp, spectrum.Dimension, 1, 1,
                                              new LanczosOptions(1e-3, MaxIterations: 150, Seed: 1, RelativeToSpectrum: true));
        Assert.True(relative.Largest.HvpCount < perPair.Largest.HvpCount,
                    $"{relative.Largest.HvpCount} products relative to the spectrum, {perPair.Largest.HvpCount} per pair");
        Assert.Equal(10.0, relative.Sharpness, 1e-2);
        Assert.InRange(relative.MostNegative, -0.05 - 1e-2, -0.05 + 1e-2);
    }
}
