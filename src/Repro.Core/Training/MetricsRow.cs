namespace Repro.Core.Training;

/// <summary>What was measured at one step, at the parameters before that step's update; null where not measured.</summary>
public sealed record MetricsRow(long Step, double TrainLoss, double TrainAccuracy)
{
    public double? TestAccuracy { get; init; }

    /// <summary>λ₁, the largest eigenvalue of the training-loss Hessian on the Hessian set.</summary>
    public double? Sharpness { get; init; }

    public double? LambdaMin { get; init; }

    /// <summary>λ₂, the second-largest Hessian eigenvalue: λ₁ − λ₂ is the eigengap that makes v₁ well defined.</summary>
    public double? Lambda2 { get; init; }

    /// <summary>Sine of the largest principal angle between this and the previous measurement's top-k eigenspaces.</summary>
    public double? SubspaceRotation { get; init; }

    /// <summary>Sine of the angle between v₁ and the previous measurement's top-k eigenspace.</summary>
    public double? V1SubspaceRotation { get; init; }

    /// <summary>Hutchinson's estimate of tr(H) on the Hessian set.</summary>
    public double? HessianTrace { get; init; }

    /// <summary>|cos(v₁(t), v₁(t − Δ))| between this and the previous curvature measurement.</summary>
    public double? RotationCosine { get; init; }

    /// <summary>‖θ − θ₀‖₂ with θ₀ the initial parameters.</summary>
    public double? ParamDistance { get; init; }
}
