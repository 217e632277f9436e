using Repro.Core.Curvature;
using Repro.Core.Optimizers;
using Repro.Core.Training;
using TorchSharp;

namespace Repro.Core.Tests.Training;

/// <summary>The oscillation columns against closed forms: GD on a quadratic, and GD's step η‖∇L‖ on the MLP.</summary>
public class OscillationTests
{
    /// <summary>
    /// GD on L = ½λx² with ηλ = 2 + δ multiplies x by −(1 + δ) each step, so ‖x_{t+1} − x_t‖ = (2 + δ)|x_t| and
    /// ‖x_{t+1} − x_{t−1}‖ = δ(2 + δ)|x_{t−1}|: the period-two norm is δ/(1 + δ) of the step, small just past 2/λ.
    /// </summary>
    [Fact]
    public void GradientDescentJustPastTheEdgeOscillatesWithPeriodTwo()
    {
        const double delta = 0.02;
        double[] curvatures = [10.0, 1.0];   // λ₁ = 10: η = (2 + δ)/λ₁ is just past the edge 2/λ₁; λ₂ = 1 is stable
        var eta = (2 + delta) / curvatures[0];
        using var lambda = torch.tensor(curvatures);
        var theta = torch.tensor(new[] { 1.0, 1.0 });
        using var v1 = torch.tensor(new[] { 1.0, 0.0 });
        using var tracker = new OscillationTracker();
        tracker.Start(theta);
        double x1 = 1.0;
        for (var t = 0; t < 80; t++)
        {
            var next = theta - eta * lambda * theta;   // θ ← θ − η∇L
            var (step, periodTwo, alongV1) = tracker.Advance(next, v1);
            var x1Next = (1 - eta * curvatures[0]) * x1;

            Assert.Equal(Math.Abs(x1Next - x1), alongV1!.Value, 9);   // the step's component along v₁ = e₁
            if (t == 0) Assert.Null(periodTwo);
            if (t >= 60)
            {
                // The stable coordinate has decayed by 0.798⁶⁰ ≈ 1e-6: what is left is the pure two-cycle of x₁.
                Assert.Equal(delta / (1 + delta), periodTwo!.Value / step, 5);
                Assert.True(periodTwo < 0.03 * step);
            }
            theta.Dispose();
            theta = next;
            x1 = x1Next;
        }
        theta.Dispose();
    }

    /// <summary>For plain GD the update is −η∇L(θ_t), so step_norm = η‖∇L(θ_t)‖; with v₁ set to ∇L/‖∇L‖ the step lies all along it.</summary>
    [Fact]
    public void TrainerRecordsGradientDescentStepsAndTheirComponentAlongV1()
    {
        using var data = Subsets.Fashion(200);
        const double eta = 0.2;
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.Gd, eta), steps: 6, 200);
        var gradientDirection = new GradientDirectionHook();
        using var trainer = new Trainer(spec, data, [gradientDirection]);
        var rows = trainer.Run().Rows;

        Assert.Equal(7, rows.Count);
        for (var t = 0; t < 6; t++)
        {
            var expected = eta * gradientDirection.Norms[t];
            Assert.Equal(expected, rows[t].StepNorm!.Value, expected * 1e-4);
            Assert.Equal(rows[t].StepNorm!.Value, rows[t].StepAlongV1!.Value, expected * 1e-4);
            Assert.Equal(t == 0, rows[t].PeriodTwoNorm is null);
            Assert.Null(rows[t].ClipFraction);
        }
        Assert.Null(rows[6].StepNorm);   // the last row has no update after it
    }

    [Fact]
    public void ClippedAdaRunsRecordTheClipFractionEveryStep()
    {
        using var data = Subsets.Fashion(100);
        var spec = Subsets.MlpSpec(new OptimizerSpec(OptimizerKind.ClippedAda, 1e-3).With(OptimizerCatalog.ClipBound, 0.01), steps: 4, 100);
        using var trainer = new Trainer(spec, data);
        var rows = trainer.Run().Rows;
        Assert.All(rows.SkipLast(1), row => Assert.InRange(row.ClipFraction!.Value, 1e-9, 1.0));
    }

    /// <summary>Measures ∇L at every step and offers ∇L/‖∇L‖ as "v₁".</summary>
    private sealed class GradientDirectionHook : ITrainingHook, ILeadingEigenvectorSource, IDisposable
    {
        public List<double> Norms { get; } = [];

        public int Every => 1;

        public torch.Tensor? LeadingEigenvector { get; private set; }

        public MetricsRow Measure(HookContext context, MetricsRow row)
        {
            using var gradient = new HessianVectorProduct(context.Model, context.Loss, context.HessianSet).Gradient();
            var norm = gradient.norm().ToDouble();
            Norms.Add(norm);
            LeadingEigenvector?.Dispose();
            LeadingEigenvector = (gradient / norm).DetachFromDisposeScope();
            return row;
        }

        public void Dispose() => LeadingEigenvector?.Dispose();
    }
}
