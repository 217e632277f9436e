using Repro.Core.Curvature;

namespace Repro.Core.Tests.Curvature;

public class HutchinsonTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void EstimateIsWithinThreeStandardErrorsOfTheExactTrace(ulong seed)
    {
        var spectrum = new KnownSpectrum(KnownSpectrum.Spread(50, -2.0, 8.0), rotate: true);
        var estimate = Hutchinson.Trace(spectrum.Hvp, spectrum.Dimension, probes: 200, seed: seed);

        Assert.True(estimate.StandardError > 0);
        Assert.True(Math.Abs(estimate.Trace - spectrum.Trace) <= 3 * estimate.StandardError,
            $"estimate {estimate.Trace} ± {estimate.StandardError}, exact {spectrum.Trace}");
        Assert.Equal(200, estimate.Probes);
    }

    [Fact]
    public void IsExactForADiagonalHessian()
    {
        // zᵀ D z = Σ d_i z_i² = tr D for every Rademacher z: zero variance.
        var spectrum = new KnownSpectrum(KnownSpectrum.Spread(30, -1.0, 4.0), rotate: false);
        var estimate = Hutchinson.Trace(spectrum.Hvp, spectrum.Dimension, probes: 10);

        Assert.Equal(spectrum.Trace, estimate.Trace, 10);
        Assert.Equal(0.0, estimate.StandardError, 10);
    }
}
