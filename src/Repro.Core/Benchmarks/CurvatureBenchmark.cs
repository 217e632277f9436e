using System.Diagnostics;
using Repro.Core.Curvature;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Benchmarks;

/// <summary>
/// Measures what sharpness tracking costs on a given model and Hessian set: time per gradient and
/// per HVP, and HVPs per λ₁ estimate for Lanczos and power iteration, cold and warm-started, along a
/// short full-batch GD trajectory. The model's parameters are restored afterwards. No thresholds:
/// it reports, the caller judges.
/// </summary>
public static class CurvatureBenchmark
{
    public static CurvatureBenchmarkResult Run(
        nn.Module<Tensor, Tensor> model,
        Func<Tensor, Tensor, Tensor> loss,
        IReadOnlyList<(Tensor Inputs, Tensor Targets)> hessianSet,
        double learningRate,
        CurvatureBenchmarkOptions? options = null)
    {
        options ??= new CurvatureBenchmarkOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MeasureEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repetitions, 1);
        var product = new HessianVectorProduct(model, loss, hessianSet);
        var start = ParameterVector.Flatten(model);
        try
        {
            var msPerGradient = Time(() => product.Gradient().Dispose(), options.Repetitions);
            var probe = randn(product.Dimension, float64, generator: new Generator(options.Seed));
            var msPerHvp = Time(() => product.Apply(probe).Dispose(), options.Repetitions);
            double msPerSessionHvp;
            using (var session = product.OpenSession())
                msPerSessionHvp = Time(() => session.Apply(probe).Dispose(), options.Repetitions);
            probe.Dispose();

            var trajectory = Trajectory(product, model, learningRate, options);
            return new CurvatureBenchmarkResult(
                product.Dimension, product.ExampleCount, msPerGradient, msPerHvp, msPerSessionHvp, trajectory.Sharpness.Length,
                trajectory.LanczosCold.Hvps.Average(), WarmMean(trajectory.LanczosWarm.Hvps),
                trajectory.PowerCold.Hvps.Average(), WarmMean(trajectory.PowerWarm.Hvps),
                trajectory.LanczosCold.Residuals.Average(), WarmMean(trajectory.LanczosWarm.Residuals),
                trajectory.PowerCold.Residuals.Average(), WarmMean(trajectory.PowerWarm.Residuals),
                trajectory.Sharpness, trajectory.Loss);
        }
        finally
        {
            ParameterVector.Assign(model, start);
            start.Dispose();
        }
    }

    private sealed record Series(List<double> Hvps, List<double> Residuals)
    {
        public Series() : this([], []) { }

        public void Add(Eigenpairs pairs, HessianVectorProduct product)
        {
            Hvps.Add(pairs.HvpCount);
            Residuals.Add(RelativeResidual(product, pairs));
        }
    }

    private sealed record TrajectoryMeasurements(
        Series LanczosCold, Series LanczosWarm, Series PowerCold, Series PowerWarm, double[] Sharpness, double[] Loss);

    private static TrajectoryMeasurements Trajectory(
        HessianVectorProduct product, nn.Module model, double learningRate, CurvatureBenchmarkOptions options)
    {
        Series lanczosCold = new(), lanczosWarm = new(), powerCold = new(), powerWarm = new();
        var sharpness = new List<double>();
        var losses = new List<double>();
        Tensor? lanczosVector = null, powerVector = null;
        ulong seed = options.Seed;

        for (var step = 0; step <= options.Steps; step++)
        {
            if (step % options.MeasureEvery == 0)
            {
                seed++;
                using (var cold = Lanczos.Largest(product, product.Dimension, 1, new LanczosOptions(options.Tolerance, Seed: seed)))
                {
                    lanczosCold.Add(cold, product);
                    sharpness.Add(cold.Values[0]);
                }
                using (var warm = Lanczos.Largest(product, product.Dimension, 1,
                           new LanczosOptions(options.Tolerance, WarmStart: lanczosVector, Seed: seed)))
                {
                    lanczosWarm.Add(warm, product);
                    lanczosVector?.Dispose();
                    lanczosVector = warm.Vector(0).clone();
                }
                using (var cold = PowerIteration.Largest(product, product.Dimension, 1, new PowerIterationOptions(options.Tolerance, Seed: seed)))
                    powerCold.Add(cold, product);
                using (var warm = PowerIteration.Largest(product, product.Dimension, 1,
                           new PowerIterationOptions(options.Tolerance, WarmStart: powerVector, Seed: seed)))
                {
                    powerWarm.Add(warm, product);
                    powerVector?.Dispose();
                    powerVector = warm.Vector(0).clone();
                }
            }
            if (step == options.Steps) break;

            using var scope = NewDisposeScope();
            var (loss, gradient) = product.LossAndGradient();
            losses.Add(loss);
            using var theta = ParameterVector.Flatten(model);
            ParameterVector.Assign(model, theta - learningRate * gradient);
        }
        lanczosVector?.Dispose();
        powerVector?.Dispose();
        return new TrajectoryMeasurements(lanczosCold, lanczosWarm, powerCold, powerWarm, [.. sharpness], [.. losses]);
    }

    // The first measurement has nothing to warm-start from, so it is left out of the warm means.
    private static double WarmMean(List<double> values) => values.Count > 1 ? values.Skip(1).Average() : values.Average();

    private static double RelativeResidual(HessianVectorProduct product, Eigenpairs pairs)
    {
        using var scope = NewDisposeScope();
        var v = pairs.Vector(0);
        var residual = (product.Apply(v) - v * pairs.Values[0]).norm().ToDouble();
        return pairs.Values[0] == 0 ? residual : residual / Math.Abs(pairs.Values[0]);
    }

    // The fastest repetition: on a shared machine the others mostly measure someone else's load.
    private static double Time(Action action, int repetitions)
    {
        action();
        var fastest = double.PositiveInfinity;
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            fastest = Math.Min(fastest, clock.Elapsed.TotalMilliseconds);
        }
        return fastest;
    }
}
