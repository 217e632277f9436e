using System.Globalization;
using Repro.Core.Curvature;
using Repro.Core.Training;
using static TorchSharp.torch;

namespace Repro.Core.Benchmarks;

/// <summary>
/// How far sharpness tracking's cheap measurements are from the truth along a real training run: at each measurement
/// of a <see cref="CurvatureHook"/>, a cold Lanczos solve to 1e-8 (top 3 and λ_min, hundreds of products) gives the
/// reference, and the hook's λ₁, λ₂, λ_min, v₁ and rotations are compared with it, errors relative to λ₁.
/// </summary>
public static class TrackingAccuracy
{
    private const double ReferenceTolerance = 1e-8;

    public static TrackingAccuracyResult Measure(TrainingSpec spec, TrainingData data, int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        spec = spec with { CurvatureEvery = 0, EvaluateEvery = every, StopAtTrainAccuracy = 2 };
        using var hook = new CurvatureHook(every);
        using var checker = new Checker(hook);
        using (var trainer = new Trainer(spec, data, [checker]))
            trainer.Run();
        return new TrackingAccuracyResult(hook.HvpCounts, checker.Errors);
    }

    private sealed class Checker(CurvatureHook hook) : ITrainingHook, IDisposable
    {
        private Tensor? previousReference;   // [2, n]: the reference top-2 of the previous measurement

        public int Every => hook.Every;

        public Dictionary<string, List<double>> Errors { get; } = new()
        {
            ["lambda_1"] = [],
            ["lambda_2"] = [],
            ["lambda_min (above the truth: +)"] = [],
            ["1 - |cos(v1, v1*)|"] = [],
            ["rotation_cosine"] = [],
            ["subspace_rotation"] = [],
        };

        public MetricsRow Measure(HookContext context, MetricsRow row)
        {
            row = hook.Measure(context, row);
            using var scope = NewDisposeScope();
            var product = new HessianVectorProduct(context.Model, context.Loss, context.HessianSet);
            using var session = product.OpenSession();
            using var truth = Lanczos.Extremes(session, product.Dimension, 3, 1,
                new LanczosOptions(ReferenceTolerance, 600, Seed: 12345, RelativeToSpectrum: true));
            var scale = truth.Sharpness;
            Errors["lambda_1"].Add(Math.Abs(row.Sharpness!.Value - scale) / scale);
            Errors["lambda_2"].Add(Math.Abs(row.Lambda2!.Value - truth.Largest.Values[1]) / scale);
            Errors["lambda_min (above the truth: +)"].Add((row.LambdaMin!.Value - truth.MostNegative) / scale);
            Errors["1 - |cos(v1, v1*)|"].Add(1 - EigenvectorTracking.RotationCosine(hook.LeadingEigenvector!, truth.Largest.Vector(0)));
            var top = truth.Largest.Vectors.narrow(0, 0, 2);
            if (previousReference is not null)
            {
                Errors["rotation_cosine"].Add(Math.Abs(row.RotationCosine!.Value - EigenvectorTracking.RotationCosine(top[0], previousReference[0])));
                Errors["subspace_rotation"].Add(Math.Abs(row.SubspaceRotation!.Value - EigenvectorTracking.LargestPrincipalSine(top, previousReference)));
            }
            previousReference?.Dispose();
            previousReference = top.clone().DetachFromDisposeScope();
            return row;
        }

        public void Dispose() => previousReference?.Dispose();
    }
}

/// <param name="HvpCounts">Products of each measurement of the checked hook.</param>
/// <param name="Errors">Per quantity, its error at each measurement, relative to λ₁ (rotations: absolute).</param>
public sealed record TrackingAccuracyResult(IReadOnlyList<int> HvpCounts, IReadOnlyDictionary<string, List<double>> Errors)
{
    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Format(c, "HVPs per measurement        median {0}, max {1} ({2} measurements)",
            TrackingCostResult.Median(HvpCounts), HvpCounts.Max(), HvpCounts.Count);
        foreach (var (name, values) in Errors)
        {
            if (values.Count == 0) continue;
            var ordered = values.Order().ToArray();
            yield return string.Format(c, "  error of {0,-32} median {1:E1}, max {2:E1}, min {3:E1}, above 1e-2 in {4} of {5}",
                name, ordered[ordered.Length / 2], ordered[^1], ordered[0], ordered.Count(e => Math.Abs(e) > 1e-2), ordered.Length);
        }
    }
}
