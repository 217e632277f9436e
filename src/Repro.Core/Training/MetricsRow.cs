namespace Repro.Core.Training;

/// <summary>
/// What was measured at one step, at the parameters θ_t before that step's update (the step, clip and oscillation
/// columns describe the update θ_t → θ_{t+1} itself); null where not measured.
/// </summary>
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

    /// <summary>‖θ_{t+1} − θ_t‖₂, the size of this step's update.</summary>
    public double? StepNorm { get; init; }

    /// <summary>‖θ_{t+1} − θ_{t−1}‖₂: small against <see cref="StepNorm"/> when the iterates oscillate with period two.</summary>
    public double? PeriodTwoNorm { get; init; }

    /// <summary>|⟨θ_{t+1} − θ_t, v₁⟩| with v₁ the leading Hessian eigenvector of the latest curvature measurement.</summary>
    public double? StepAlongV1 { get; init; }

    /// <summary>Clipped-Ada: the fraction of coordinates where the bound on √v̂ binds in this step's update.</summary>
    public double? ClipFraction { get; init; }

    /// <summary>Accuracy on the validation split held out from the training subset (none unless the spec holds one out).</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>The largest eigenvalue of P^{-1/2} H P^{-1/2}, P the optimizer's diagonal preconditioner (see <see cref="CurvatureMeasures"/>).</summary>
    public double? PreconditionedSharpness { get; init; }

    /// <summary>Quantiles of the optimizer's √v̂ over the coordinates (1, 10, 50, 90, 99 %), where a clip bound c sits.</summary>
    public RootSecondMomentQuantiles? SqrtV { get; init; }
}
