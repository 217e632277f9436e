using Repro.Pipeline.Reports;
using Repro.Pipeline.Reports.Stats;

namespace Repro.Pipeline.Tests.Reports;

public class FormatTests
{
    [Theory]
    [InlineData(0.8126, "81.3%")]
    [InlineData(0.0, "0.0%")]
    [InlineData(0.00034, "0.034%")]    // a share the clip binds on: small, but not zero
    [InlineData(0.0004, "0.04%")]
    [InlineData(-0.00012, "-0.012%")]
    [InlineData(double.NaN, "—")]
    public void PercentKeepsSmallNonZeroSharesVisible(double fraction, string expected) =>
        Assert.Equal(expected, Format.Percent(fraction));

    [Fact]
    public void AFailedComparisonByExactlyZeroHasAMarginOfPlusZero() =>
        Assert.Equal("0.0%", Format.Percent(DriftCheck.Of([0.3, 0.0], new DriftBound("x", 0.01)).Margin));
}
