using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// Hutchinson's trace estimator: tr(H) = E[zᵀ H z] for Rademacher probes z (entries ±1), one HVP
/// per probe. Rademacher probes have the smallest variance of the unbiased choices.
/// </summary>
public static class Hutchinson
{
    public static TraceEstimate Trace(Hvp hvp, long dimension, int probes = 100, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 2);
        var generator = new Generator(seed);
        var samples = new double[probes];
        for (var i = 0; i < probes; i++)
        {
            using var scope = NewDisposeScope();
            var z = randint(0, 2, [dimension], float64, generator: generator) * 2 - 1;
            samples[i] = z.dot(hvp(z).reshape(-1).to(float64)).ToDouble();
        }

        var mean = samples.Average();
        var variance = samples.Sum(s => (s - mean) * (s - mean)) / (probes - 1);
        return new TraceEstimate(mean, Math.Sqrt(variance / probes), probes);
    }
}
