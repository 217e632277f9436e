using Repro.Core.Optimizers;
using TorchSharp;
using Adam = Repro.Core.Optimizers.Adam;
using Parameter = TorchSharp.Modules.Parameter;

namespace Repro.Core.Tests.Optimizers;

/// <summary>
/// Each rule on L(θ) = ½ Σ cᵢθᵢ², whose gradient is gᵢ = cᵢθᵢ, against its formula evaluated by hand in doubles
/// for the first two steps.
/// </summary>
public class OptimizerTests
{
    private static readonly double[] Curvatures = [3.0, 0.5];
    private static readonly double[] Start = [1.0, -2.0];
    private const double LearningRate = 0.1;

    [Fact]
    public void GradientDescent()
    {
        var expected = Start.ToArray();
        var actual = Run(p => new GradientDescent(p), steps: 2);
        for (var t = 0; t < 2; t++)
        {
            for (var i = 0; i < 2; i++)
                expected[i] -= LearningRate * Curvatures[i] * expected[i];
        }
        AssertClose(expected, actual);
    }

    [Fact]
    public void HeavyBallMomentum()
    {
        const double mu = 0.9;
        var actual = Run(p => new GradientDescent(p, momentum: mu), steps: 2);
        double[] expected = new double[2];
        for (var i = 0; i < 2; i++)
        {
            var theta = Start[i];
            var b1 = Curvatures[i] * theta;
            theta -= LearningRate * b1;
            var b2 = mu * b1 + Curvatures[i] * theta;
            expected[i] = theta - LearningRate * b2;
        }
        AssertClose(expected, actual);
    }

    [Fact]
    public void RmsPropFirstTwoSteps()
    {
        const double alpha = 0.99, eps = 1e-8;
        var actual = Run(p => new RmsProp(p, alpha, eps), steps: 2);
        var expected = new double[2];
        for (var i = 0; i < 2; i++)
        {
            var theta = Start[i];
            var v = 0.0;
            for (var t = 0; t < 2; t++)
            {
                var g = Curvatures[i] * theta;
                v = alpha * v + (1 - alpha) * g * g;
                theta -= LearningRate * g / (Math.Sqrt(v) + eps);
            }
            expected[i] = theta;
        }
        AssertClose(expected, actual);
    }

    [Fact]
    public void AdamFirstTwoSteps() =>
        AssertClose(ByHandAdam(d => d), Run(p => new Adam(p), steps: 2));

    [Fact]
    public void ClippedAdaUpperBoundFirstTwoSteps() =>
        AssertClose(ByHandAdam(d => Math.Min(d, 0.05)), Run(p => new ClippedAda(p, 0.05, ClipSide.Upper), steps: 2));

    [Fact]
    public void ClippedAdaLowerBoundFirstTwoSteps() =>
        AssertClose(ByHandAdam(d => Math.Max(d, 2.0)), Run(p => new ClippedAda(p, 2.0, ClipSide.Lower), steps: 2));

    [Fact]
    public void ClippedAdaWithAHugeBoundIsAdamBitForBit()
    {
        var adam = Run(p => new Adam(p), steps: 20, torch.ScalarType.Float32);
        var clipped = Run(p => new ClippedAda(p, 1e30, ClipSide.Upper), steps: 20, torch.ScalarType.Float32);
        Assert.Equal(adam, clipped);
    }

    [Fact]
    public void RestoredStateContinuesExactly()
    {
        using var a = new Parameter(torch.tensor(Start));
        using var b = new Parameter(torch.tensor(Start));
        using var first = new Adam([a]);
        using var second = new Adam([b]);
        Descend(a, first, 3);
        b.detach().copy_(a.detach());
        using (torch.no_grad())
        {
            foreach (var (to, from) in second.State().Zip(first.State()))
                to.Tensor.copy_(from.Tensor);
        }

        Descend(a, first, 2);
        Descend(b, second, 2);

        Assert.Equal(5, second.StepCount);
        Assert.Equal(a.data<double>().ToArray(), b.data<double>().ToArray());
    }

    [Fact]
    public void LinearWarmupRampsToTheLearningRate()
    {
        var schedule = new LinearWarmup(0.4, WarmupSteps: 2);
        Assert.Equal([0.2, 0.4, 0.4], new[] { schedule.At(1), schedule.At(2), schedule.At(3) });
        Assert.Equal(0.4, new LinearWarmup(0.4, 0).At(1));
    }

    private static double[] ByHandAdam(Func<double, double> bound)
    {
        const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var expected = new double[2];
        for (var i = 0; i < 2; i++)
        {
            double theta = Start[i], m = 0, v = 0;
            for (var t = 1; t <= 2; t++)
            {
                var g = Curvatures[i] * theta;
                m = beta1 * m + (1 - beta1) * g;
                v = beta2 * v + (1 - beta2) * g * g;
                var mHat = m / (1 - Math.Pow(beta1, t));
                var vHat = v / (1 - Math.Pow(beta2, t));
                theta -= LearningRate * mHat / (bound(Math.Sqrt(vHat)) + eps);
            }
            expected[i] = theta;
        }
        return expected;
    }

    private static double[] Run(Func<Parameter[], Optimizer> create, int steps, torch.ScalarType type = torch.ScalarType.Float64)
    {
        using var theta = new Parameter(torch.tensor(Start).to_type(type));
        using var optimizer = create([theta]);
        Descend(theta, optimizer, steps);
        return theta.to_type(torch.ScalarType.Float64).data<double>().ToArray();
    }

    private static void Descend(Parameter theta, Optimizer optimizer, int steps)
    {
        using var curvatures = torch.tensor(Curvatures).to_type(theta.dtype);
        for (var t = 0; t < steps; t++)
        {
            optimizer.ZeroGrad();
            using var loss = (curvatures * theta.square()).sum() * 0.5;
            loss.backward();
            optimizer.Step(LearningRate);
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-12);
    }
}
