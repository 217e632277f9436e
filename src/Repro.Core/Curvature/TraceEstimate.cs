namespace Repro.Core.Curvature;

/// <summary>A stochastic trace estimate: the probe mean, its standard error, and the number of probes (= HVPs).</summary>
public sealed record TraceEstimate(double Trace, double StandardError, int Probes);
