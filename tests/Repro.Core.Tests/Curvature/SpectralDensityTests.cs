using Repro.Core.Curvature;

namespace Repro.Core.Tests.Curvature;

public class SpectralDensityTests
{
    // Two clusters of 40 eigenvalues, around 1 and around 5.
    private static double[] TwoClusters() =>
        [.. Enumerable.Range(0, 40).Select(i => 1.0 + 0.01 * i), .. Enumerable.Range(0, 40).Select(i => 5.0 + 0.01 * i)];

    private static double DensityAt(SpectralDensity density, double x)
    {
        var nearest = Enumerable.Range(0, density.Grid.Length).MinBy(i => Math.Abs(density.Grid[i] - x));
        return density.Density[nearest];
    }

    [Fact]
    public void IntegratesToOne()
    {
        var spectrum = new KnownSpectrum(TwoClusters(), rotate: true);
        var density = SpectralDensity.Estimate(spectrum.Hvp, spectrum.Dimension, probes: 4, iterations: 30);

        var mass = 0.0;
        for (var i = 1; i < density.Grid.Length; i++)
            mass += 0.5 * (density.Density[i] + density.Density[i - 1]) * (density.Grid[i] - density.Grid[i - 1]);
        Assert.Equal(1.0, mass, 3);
        Assert.Equal(4 * 30, density.HvpCount);
    }

    [Fact]
    public void PeaksAtTheKnownEigenvalueClusters()
    {
        var spectrum = new KnownSpectrum(TwoClusters(), rotate: true);
        var density = SpectralDensity.Estimate(spectrum.Hvp, spectrum.Dimension, probes: 4, iterations: 30);

        var peak = density.Grid[Array.IndexOf(density.Density, density.Density.Max())];
        Assert.True(Math.Abs(peak - 1.2) < 0.3 || Math.Abs(peak - 5.2) < 0.3, $"highest peak at {peak}");
        Assert.True(DensityAt(density, 1.2) > 20 * DensityAt(density, 3.0));
        Assert.True(DensityAt(density, 5.2) > 20 * DensityAt(density, 3.0));
        Assert.True(density.Grid[0] < 1.0 && density.Grid[^1] > 5.39);
    }
}
