using Repro.Core.DiagonalNetwork;

namespace Repro.Core.Tests.DiagonalNetwork;

public class DiagonalNetworkTests
{
    [Theory]
    [InlineData(-0.1, 10.0)]
    [InlineData(0.7, -1.3)]
    [InlineData(2.0, 0.5)]
    public void AutogradHessianEqualsClosedForm(double a, double b)
    {
        var autograd = DiagonalNetworkTrainer.AutogradHessian(a, b);
        var closedForm = DiagonalLinearNetwork.Hessian(a, b);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                Assert.Equal(closedForm[i, j], autograd[i, j], 1e-12);
    }

    [Fact]
    public void RecordedSharpnessIsTheLargestClosedFormEigenvalue()
    {
        var run = DiagonalNetworkTrainer.Train(-0.1, 10, learningRate: 0.001, steps: 20);
        foreach (var row in run.Steps)
        {
            var (largest, smallest) = DiagonalLinearNetwork.HessianEigenvalues(row.A, row.B);
            Assert.Equal(largest, row.Sharpness, 1e-9 * largest);
            Assert.Equal(smallest, row.LambdaMin, 1e-9 * largest);
        }
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.009)]
    [InlineData(0.011)]
    public void GammaBetaPredictsTheMeasuredRatioOfBeta(double learningRate)
    {
        var run = DiagonalNetworkTrainer.Train(-0.1, 10, learningRate, steps: 200);
        for (int t = 0; t + 1 < run.Steps.Count; t++)
        {
            var now = run.Steps[t];
            var next = run.Steps[t + 1];
            double predicted = DiagonalLinearNetwork.GammaBeta(now.A, now.B, learningRate);
            Assert.Equal(predicted, next.Beta / now.Beta, 1e-6 * Math.Max(1, predicted));
        }
    }

    [Fact]
    public void StabilityEdgeAtTheStartIsTwoOverSharpness()
    {
        // H(−0.1, 10) = [[200, −4], [−4, 0.02]]: λ₁ = 100.01 + √(99.99² + 16).
        double lambda1 = 100.01 + Math.Sqrt(99.99 * 99.99 + 16);
        Assert.Equal(2 / lambda1, DiagonalLinearNetwork.StabilityEdge(-0.1, 10), 1e-12);
    }

    [Fact]
    public void SmallLearningRateConvergesToTheSharpAxis()
    {
        var run = DiagonalNetworkTrainer.Train(-0.1, 10, learningRate: 0.001, steps: 1000);
        Assert.False(run.Outcome.Diverged);
        var last = run.Steps[^1];
        Assert.True(last.Loss < 1e-6, $"loss {last.Loss}");
        Assert.InRange(last.Sharpness, 195, 201);   // 2b² with b barely moved from 10
    }

    [Fact]
    public void HugeLearningRateIsRecordedAsDivergenceNotThrown()
    {
        var run = DiagonalNetworkTrainer.Train(-0.1, 10, learningRate: 0.2, steps: 1000);
        Assert.True(run.Outcome.Diverged);
        Assert.True(run.Outcome.DivergedAtStep < 20);
        Assert.Equal(run.Outcome.DivergedAtStep, run.Steps[^1].Step);
    }

    [Fact]
    public void LeadingEigenvectorAngleIsFoldedSoVAndMinusVAgree()
    {
        var run = DiagonalNetworkTrainer.Train(-0.1, 10, learningRate: 0.001, steps: 5);
        // v₁ ∝ (200 − λ₂, −4)... ≈ (1, −0.02): about −1.15°, never near 180°.
        Assert.InRange(run.Steps[0].LeadingEigenvectorAngle, -1.3, -1.0);
        Assert.All(run.Steps, r => Assert.InRange(r.LeadingEigenvectorAngle, -90, 90));
    }
}
