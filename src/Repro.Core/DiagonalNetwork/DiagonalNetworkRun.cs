namespace Repro.Core.DiagonalNetwork;

/// <summary>A finished GD run on the 2-parameter network: one row per step, and how it ended.</summary>
public sealed record DiagonalNetworkRun(IReadOnlyList<DiagonalNetworkStep> Steps, TrainingOutcome Outcome);
