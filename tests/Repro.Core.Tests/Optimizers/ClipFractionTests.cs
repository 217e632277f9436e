using Repro.Core.Optimizers;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;

namespace Repro.Core.Tests.Optimizers;

/// <summary>
/// After Clipped-Ada's first step √v̂ = |g| exactly (v = (1 − β₂)g², corrected by 1 − β₂), so the fraction of coordinates
/// where the bound binds is the fraction with |g| &gt; c (upper bound) or |g| &lt; c (lower bound).
/// </summary>
public class ClipFractionTests
{
    private static readonly double[] Gradient = [0.05, -0.2, 0.5, 3.0, -0.01, 1.5, 0.7, -4.0];

    [Theory]
    [InlineData(0.1, ClipSide.Upper, 6.0 / 8)]    // 0.2, 0.5, 3, 1.5, 0.7, 4 exceed 0.1
    [InlineData(1.0, ClipSide.Upper, 3.0 / 8)]    // 3, 1.5, 4
    [InlineData(10.0, ClipSide.Upper, 0.0)]       // nothing binds: this is Adam
    [InlineData(1.0, ClipSide.Lower, 5.0 / 8)]    // 0.05, 0.2, 0.5, 0.01, 0.7 lie below 1
    public void FirstStepFractionIsTheShareOfGradientsBeyondTheBound(double bound, ClipSide side, double expected)
    {
        using var first = new Parameter(torch.zeros(5, torch.ScalarType.Float64));
        using var second = new Parameter(torch.zeros(3, torch.ScalarType.Float64));
        using var optimizer = new ClippedAda([first, second], bound, side);
        Assert.Null(optimizer.ClipFraction);

        first.grad = torch.tensor(Gradient[..5]);
        second.grad = torch.tensor(Gradient[5..]);
        optimizer.Step(1e-3);

        Assert.Equal(expected, optimizer.ClipFraction!.Value, 12);
    }

    [Fact]
    public void EachStepCountsAfresh()
    {
        using var theta = new Parameter(torch.zeros(4, torch.ScalarType.Float64));
        using var optimizer = new ClippedAda([theta], 1.5);
        theta.grad = torch.tensor(new[] { 2.0, 2.0, 2.0, 2.0 });
        optimizer.Step(1e-3);
        Assert.Equal(1.0, optimizer.ClipFraction);

        // Zero gradients: v = 0.999·0.001·4, √v̂ = √(v / (1 − 0.999²)) ≈ 1.414 < 1.5 binds nowhere; a count carried over
        // from the first step would give 4/8.
        theta.grad = torch.tensor(new[] { 0.0, 0.0, 0.0, 0.0 });
        optimizer.Step(1e-3);
        Assert.True(Math.Sqrt(0.999 * 0.001 * 4 / (1 - 0.999 * 0.999)) < 1.5);
        Assert.Equal(0.0, optimizer.ClipFraction);
    }
}
