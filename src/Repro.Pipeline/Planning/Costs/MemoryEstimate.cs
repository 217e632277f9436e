namespace Repro.Pipeline.Planning.Costs;

/// <summary>A run's estimated peak resident memory; <paramref name="Fallback"/> says why it is a fallback rather than the model's, else null.</summary>
public sealed record MemoryEstimate(double Bytes, string? Fallback = null);
