using Repro.Core.Curvature;
using Repro.Core.Data;
using Repro.Core.Optimizers;
using Repro.Core.Tests.Curvature;
using Repro.Core.Training;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace Repro.Core.Tests.Training;

/// <summary>
/// The preconditioned sharpness λ₁(P^{-1/2} H P^{-1/2}) against closed forms: a quadratic ½θᵀHθ with a known H and a
/// fixed diagonal P, and Adam's and Clipped-Ada's own P after one step, where √v̂ = |g| exactly.
/// </summary>
public class PreconditionedSharpnessTests
{
    private static readonly LabeledTensors NoTest = new(zeros(1), zeros(1, int64), zeros(1, 1));

    /// <summary>A preconditioner held fixed, to compare against a closed form.</summary>
    private sealed class FixedPreconditioner(double[] diagonal, double[] root) : IDiagonalPreconditioner
    {
        public Tensor? PreconditionerDiagonal() => tensor(diagonal, float64);
        public Tensor? RootSecondMoment() => tensor(root, float64);
    }

    private static MetricsRow Measure(Tensor hessian, IDiagonalPreconditioner? preconditioner, CurvatureMeasures measures)
    {
        var model = new QuadraticModel(hessian);
        using var hook = new CurvatureHook(1, measures: measures, tolerance: 1e-10);
        var context = new HookContext(3, model, (output, _) => output, [(zeros(1), zeros(1))], NoTest, ParameterVector.Flatten(model), preconditioner);
        return hook.Measure(context, new MetricsRow(3, 0, 0));
    }

    [Fact]
    public void EqualsTheLargestEigenvalueOfTheTwoByTwoBlockOfPInverseH()
    {
        // H = [[4, 1, 0], [1, 2, 0], [0, 0, 3]], P = diag(0.5, 2, 10): P^{-1/2} H P^{-1/2} has the block
        // [[8, 1], [1, 1]] (1/√(0.5·2) = 1) with eigenvalues 4.5 ± √(12.25 + 1), and 3/10.
        var hessian = tensor(new double[,] { { 4, 1, 0 }, { 1, 2, 0 }, { 0, 0, 3 } }, float64);
        double expected = 4.5 + Math.Sqrt(3.5 * 3.5 + 1);
        var row = Measure(hessian, new FixedPreconditioner([0.5, 2, 10], [0.3, 0.1, 0.2]), CurvatureMeasures.Lambda1 | CurvatureMeasures.PreconditionedLambda1);

        Assert.Equal(expected, row.PreconditionedSharpness!.Value, 8);
        Assert.Equal(3 + Math.Sqrt(2), row.Sharpness!.Value, 8);   // H's own λ₁: the preconditioner changes the answer
        Assert.Equal(new RootSecondMomentQuantiles(0.1, 0.1, 0.2, 0.3, 0.3), row.SqrtV);
    }

    [Fact]
    public void IsNotMeasuredUnlessAskedForOrWithoutAPreconditioner()
    {
        var hessian = tensor(new double[,] { { 4, 1 }, { 1, 2 } }, float64);
        var unasked = Measure(hessian, new FixedPreconditioner([1, 1], [1, 1]), CurvatureMeasures.Lambda1);
        var noPreconditioner = Measure(hessian, null, CurvatureMeasures.Lambda1 | CurvatureMeasures.PreconditionedLambda1);

        Assert.Null(unasked.PreconditionedSharpness);
        Assert.Null(unasked.SqrtV);
        Assert.Null(noPreconditioner.PreconditionedSharpness);
        Assert.NotNull(noPreconditioner.Sharpness);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, double.PositiveInfinity)]
    [InlineData(OptimizerKind.ClippedAda, 0.6)]      // min(|g|, 0.6): the clipped denominator Clipped-Ada divides by
    [InlineData(OptimizerKind.RmsProp, double.NaN)]  // √v = √(1 − α)·|g| = 0.1·|g|, no bias correction
    public void AfterOneStepTheOptimizersDiagonalIsWhatItsUpdateDividesBy(OptimizerKind kind, double bound)
    {
        double[] gradient = [0.5, -2.0, 0.01, 1.0];
        using var theta = new Parameter(zeros(4, float64));
        using var optimizer = OptimizerCatalog.Create(new OptimizerSpec(kind, 1e-3).With(OptimizerCatalog.ClipBound, double.IsFinite(bound) ? bound : 1), [theta]);
        var preconditioner = (IDiagonalPreconditioner)optimizer;
        Assert.Null(preconditioner.PreconditionerDiagonal());

        theta.grad = tensor(gradient, float64);
        optimizer.Step(1e-3);

        double[] root = [.. gradient.Select(g => kind == OptimizerKind.RmsProp ? 0.1 * Math.Abs(g) : Math.Abs(g))];
        double[] denominator = [.. root.Select(r => (double.IsFinite(bound) ? Math.Min(r, bound) : r) + 1e-8)];
        var measuredRoot = preconditioner.RootSecondMoment()!.data<double>().ToArray();
        var measuredDiagonal = preconditioner.PreconditionerDiagonal()!.data<double>().ToArray();
        for (int i = 0; i < gradient.Length; i++)
        {
            Assert.Equal(root[i], measuredRoot[i], 12);
            Assert.Equal(denominator[i], measuredDiagonal[i], 12);
        }
        // Measuring P does not count as a step of the clip: the fraction is still the step's own (|g| > 0.6 on 2 of 4).
        if (optimizer is ClippedAda clipped) Assert.Equal(0.5, clipped.ClipFraction);
    }
}
