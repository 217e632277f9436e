using Repro.Core.Curvature;
using Repro.Core.Data;
using Repro.Core.Models;
using Repro.Core.Tests.Curvature;
using Repro.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Training;

public class CurvatureHookTests
{
    private static readonly LabeledTensors NoTest = new(zeros(1), zeros(1, int64), zeros(1, 1));

    private static HookContext Context(long step, nn.Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> loss,
                                       IReadOnlyList<(Tensor, Tensor)> hessianSet) =>
        new(step, model, loss, hessianSet, NoTest, ParameterVector.Flatten(model));

    private static MetricsRow Measure(CurvatureHook hook, long step, Tensor matrix) =>
        hook.Measure(Context(step, new QuadraticModel(matrix), (output, _) => output, [(zeros(1), zeros(1))]), new MetricsRow(step, 0, 0));

    /// <summary>A Hessian with the given eigenvalues on the rows of <paramref name="basis"/> and a fixed bulk on the rest.</summary>
    private static Tensor Hessian(Tensor basis, params double[] top)
    {
        var n = (int)basis.shape[0];
        double[] eigenvalues = [.. top, .. KnownSpectrum.Spread(n - top.Length, -0.5, 3.0)];
        return basis.T.matmul(diag(tensor(eigenvalues, float64))).matmul(basis);
    }

    [Fact]
    public void TwoTopEigenvectorsThatSwapRotateV1FullyButNotTheTopTwoEigenspace()
    {
        var (q, _) = linalg.qr(randn(40, 40, float64, generator: new Generator(41)));
        var basis = q.T.contiguous();   // rows q₀ … q₃₉
        using var hook = new CurvatureHook(1, tolerance: 1e-9, lambdaMinTolerance: 1e-9);

        var first = Measure(hook, 0, Hessian(basis, 10.0, 9.9));
        var swapped = Measure(hook, 1, Hessian(basis, 9.9, 10.0));   // q₁ now leads

        Assert.Equal(10.0, first.Sharpness!.Value, 8);
        Assert.Equal(9.9, first.Lambda2!.Value, 8);
        Assert.Equal(-0.5, first.LambdaMin!.Value, 8);
        Assert.Null(first.RotationCosine);
        Assert.Null(first.SubspaceRotation);
        Assert.Null(first.V1SubspaceRotation);
        Assert.True(1 - swapped.RotationCosine!.Value > 1 - 1e-6, $"1 − |cos| = {1 - swapped.RotationCosine}");
        Assert.True(swapped.SubspaceRotation!.Value < 1e-6, $"subspace rotation {swapped.SubspaceRotation}");
        Assert.True(swapped.V1SubspaceRotation!.Value < 1e-6, $"v₁ against the previous top-2 space {swapped.V1SubspaceRotation}");
        Assert.Equal(10.0, swapped.Sharpness!.Value, 8);
        Assert.Equal(9.9, swapped.Lambda2!.Value, 8);
    }

    [Fact]
    public void ATopEigenvectorTiltingOutOfTheTopTwoEigenspaceRotatesItByTheTilt()
    {
        var (q, _) = linalg.qr(randn(40, 40, float64, generator: new Generator(42)));
        var basis = q.T.contiguous();
        const double angle = 0.3;
        using var hook = new CurvatureHook(1, tolerance: 1e-9, lambdaMinTolerance: 1e-9);
        Measure(hook, 0, Hessian(basis, 10.0, 9.9));

        // v₁ becomes cos φ q₁ + sin φ q₂, leaving span{q₀, q₁} by φ; q₀ stays second.
        var tilted = stack([basis[0], Math.Cos(angle) * basis[1] + Math.Sin(angle) * basis[2],
                            -Math.Sin(angle) * basis[1] + Math.Cos(angle) * basis[2], .. Enumerable.Range(3, 37).Select(i => basis[i])]);
        var row = Measure(hook, 1, Hessian(tilted, 9.9, 10.0));

        Assert.Equal(Math.Sin(angle), row.V1SubspaceRotation!.Value, 6);
        Assert.Equal(Math.Sin(angle), row.SubspaceRotation!.Value, 6);
        Assert.True(row.RotationCosine!.Value < 1e-6, "the new v₁ is orthogonal to q₀");
    }

    [Fact]
    public void ProductionTolerancesHoldAgainstAnExplicitEigendecompositionOfASmallNet()
    {
        var model = GlobalGenerator.Seeded(43, () => nn.Sequential(nn.Linear(10, 12), nn.ReLU(), nn.Linear(12, 12), nn.ReLU(), nn.Linear(12, 4)));
        model.to(float64);
        var generator = new Generator(44);
        List<(Tensor, Tensor)> set = [(randn(64, 10, float64, generator: generator), randn(64, 4, float64, generator: generator))];
        Tensor Loss(Tensor output, Tensor targets) => nn.functional.mse_loss(output, targets);
        var product = new HessianVectorProduct(model, Loss, set);
        using var hook = new CurvatureHook(1);

        for (var measurement = 0; measurement < 3; measurement++)
        {
            var row = hook.Measure(Context(measurement, model, Loss, set), new MetricsRow(measurement, 0, 0));
            var identity = eye(product.Dimension, dtype: float64);
            var hessian = stack(Enumerable.Range(0, (int)product.Dimension).Select(i => product.Apply(identity[i])).ToList());
            var (values, vectors) = linalg.eigh((hessian + hessian.T) / 2);
            var exact = values.data<double>().ToArray();
            double lambda1 = exact[^1], lambda2 = exact[^2], lambdaMin = exact[0];

            Assert.InRange(row.Sharpness!.Value, lambda1 - 1e-3 * lambda1, lambda1 + 1e-3 * lambda1);
            Assert.InRange(row.Lambda2!.Value, lambda2 - 1e-3 * lambda1, lambda2 + 1e-3 * lambda1);
            // The smallest Ritz value bounds λ_min from above, and lies within 1e-2·λ₁ of an eigenvalue.
            Assert.InRange(row.LambdaMin!.Value, lambdaMin - 1e-9, lambdaMin + 1e-2 * lambda1);
            var sine = Math.Sqrt(1 - Math.Pow(EigenvectorTracking.RotationCosine(hook.LeadingEigenvector!, vectors[.., ^1]), 2));
            Assert.True(sine <= 1e-3 * lambda1 / (lambda1 - lambda2), $"sin ∠(v₁, exact v₁) = {sine}, gap {lambda1 - lambda2}");
            Assert.True(hook.HvpCounts[^1] < product.Dimension / 4, $"{hook.HvpCounts[^1]} HVPs for a {product.Dimension}-parameter net");

            // A few GD steps before the next, warm-started, measurement.
            for (var step = 0; step < 5; step++)
            {
                var theta = ParameterVector.Flatten(model);
                ParameterVector.Assign(model, theta - 0.5 * product.Gradient());
            }
        }
        Assert.Equal(3, hook.HvpCounts.Count);
    }

    /// <summary>
    /// λ₁ alone (the default measure set of a run): the same λ₁ and v₁ to the tolerance, nothing else written, and fewer
    /// Hessian-vector products per measurement than the full set, warm-started from v₁ only.
    /// </summary>
    [Fact]
    public void Lambda1AloneMeasuresTheSameSharpnessWithFewerProductsAndLeavesTheRestEmpty()
    {
        var (q, _) = linalg.qr(randn(60, 60, float64, generator: new Generator(45)));
        var basis = q.T.contiguous();
        using var full = new CurvatureHook(1);
        using var alone = new CurvatureHook(1, measures: CurvatureMeasures.Lambda1);
        var tilt = 0.0;
        for (var step = 0; step < 4; step++, tilt += 0.05)
        {
            var turned = stack([Math.Cos(tilt) * basis[0] + Math.Sin(tilt) * basis[3], basis[1], basis[2],
                                -Math.Sin(tilt) * basis[0] + Math.Cos(tilt) * basis[3], .. Enumerable.Range(4, 56).Select(i => basis[i])]);
            var hessian = Hessian(turned, 10.0, 6.0, 5.5);
            var everything = Measure(full, step, hessian);
            var row = Measure(alone, step, hessian);

            Assert.InRange(row.Sharpness!.Value, 10.0 - 1e-2, 10.0 + 1e-2);
            Assert.Null(row.Lambda2);
            Assert.Null(row.LambdaMin);
            Assert.Null(row.SubspaceRotation);
            Assert.Null(row.V1SubspaceRotation);
            Assert.Equal(step == 0, row.RotationCosine is null);
            if (step > 0) Assert.Equal(everything.RotationCosine!.Value, row.RotationCosine!.Value, 3);
        }
        Assert.True(alone.HvpCounts.Sum() < full.HvpCounts.Sum(),
            $"λ₁ alone took {string.Join(", ", alone.HvpCounts)} products, the full set {string.Join(", ", full.HvpCounts)}");
    }

    [Fact]
    public void AHookThatMeasuresNoLambdaMinSavesNoBottomVectorAndResumesFromItsTopAlone()
    {
        var (q, _) = linalg.qr(randn(30, 30, float64, generator: new Generator(46)));
        var hessian = Hessian(q.T.contiguous(), 10.0, 9.0);
        using var hook = new CurvatureHook(1, measures: CurvatureMeasures.Lambda1);
        Measure(hook, 0, hessian);
        var state = hook.State().ToDictionary(s => s.Name, s => s.Tensor.clone());
        Assert.Equal(["previous_top_eigenvectors"], state.Keys);

        using var resumed = new CurvatureHook(1, measures: CurvatureMeasures.Lambda1);
        resumed.LoadState(state, 30);
        Assert.NotNull(resumed.LeadingEigenvector);
        Assert.NotNull(Measure(resumed, 1, hessian).RotationCosine);
    }
}
