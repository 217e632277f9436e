using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.DiagonalNetwork;

/// <summary>
/// Full-batch GD on L(a, b) = (a·b)² in float64, with gradient and Hessian from autograd
/// (double backward), so the closed forms in <see cref="DiagonalLinearNetwork"/> stay an independent check.
/// </summary>
public static class DiagonalNetworkTrainer
{
    public static DiagonalNetworkRun Train(double initialA, double initialB, double learningRate, int steps,
                                           double divergenceLoss = Training.TrainingSpec.DefaultDivergenceBound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);

        using var parameters = tensor(new[] { initialA, initialB }, dtype: ScalarType.Float64);
        var rows = new List<DiagonalNetworkStep>(steps + 1);
        for (int step = 0; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            using var theta = parameters.detach().requires_grad_(true);
            var loss = Loss(theta);
            var gradient = autograd.grad([loss], [theta], retain_graph: true, create_graph: true)[0];
            var hessian = HessianFromGradient(gradient, theta);
            rows.Add(Describe(step, theta, loss.item<double>(), hessian));

            double lossValue = rows[^1].Loss;
            if (!double.IsFinite(lossValue) || lossValue > divergenceLoss)
                return new DiagonalNetworkRun(rows, TrainingOutcome.DivergedAt(step));
            if (step == steps) break;

            using (no_grad())
                parameters.sub_(gradient.detach() * learningRate);
        }
        return new DiagonalNetworkRun(rows, TrainingOutcome.Completed(steps));
    }

    // (ab)² as a product, not square(): square() goes through pow with a Scalar exponent, where libtorch once failed an
    // internal assert (Scalar.h:279) under a parallel test run; the product is the same number to the bit.
    public static Tensor Loss(Tensor theta)
    {
        var product = theta[0] * theta[1];
        return product * product;
    }

    /// <summary>The 2×2 Hessian, one Hessian-vector product per column.</summary>
    public static Tensor HessianFromGradient(Tensor gradient, Tensor theta)
    {
        var columns = new Tensor[2];
        for (int i = 0; i < 2; i++)
            columns[i] = autograd.grad([gradient[i]], [theta], retain_graph: true)[0];
        return stack(columns, dim: 1);
    }

    /// <summary>The Hessian at (a, b) computed by autograd, row-major; for tests and tools.</summary>
    public static double[,] AutogradHessian(double a, double b)
    {
        using var scope = NewDisposeScope();
        var theta = tensor(new[] { a, b }, dtype: ScalarType.Float64).requires_grad_(true);
        var gradient = autograd.grad([Loss(theta)], [theta], retain_graph: true, create_graph: true)[0];
        var h = HessianFromGradient(gradient, theta).data<double>().ToArray();
        return new[,] { { h[0], h[1] }, { h[2], h[3] } };
    }

    private static DiagonalNetworkStep Describe(int step, Tensor theta, double loss, Tensor hessian)
    {
        var ab = theta.detach().data<double>().ToArray();
        var (values, vectors) = linalg.eigh(hessian.detach());
        var lambda = values.data<double>().ToArray();          // ascending
        var v = vectors.data<double>().ToArray();                // row-major, columns are eigenvectors
        double angle = Math.Atan2(v[3], v[1]) * 180 / Math.PI;   // leading eigenvector = last column
        angle = ((angle + 90) % 180 + 180) % 180 - 90;         // v and −v are one axis: fold into [−90°, 90°)
        return new DiagonalNetworkStep(step, ab[0], ab[1], loss, lambda[1], lambda[0], angle,
                                       DiagonalLinearNetwork.Beta(ab[0], ab[1]));
    }
}
