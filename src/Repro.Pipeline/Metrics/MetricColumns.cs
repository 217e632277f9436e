namespace Repro.Pipeline.Metrics;

/// <summary>
/// Column names of a run's <c>metrics.csv</c> (snake_case, one row per logged step) and their types:
/// <c>step</c> is an integer, every other column a nullable double (empty where not measured).
/// </summary>
public static class MetricColumns
{
    public const string Step = "step";
    public const string TrainLoss = "train_loss";
    public const string TrainAccuracy = "train_accuracy";
    public const string TestAccuracy = "test_accuracy";
    public const string Sharpness = "sharpness";
    public const string LambdaMin = "lambda_min";
    public const string HessianTrace = "hessian_trace";
    public const string RotationCosine = "rotation_cosine";
    public const string ParamDistance = "param_distance";
    public const string DistanceToFinal = "distance_to_final";
    public const string Lambda2 = "lambda_2";
    public const string SubspaceRotation = "subspace_rotation";
    public const string V1SubspaceRotation = "v1_subspace_rotation";
    // The oscillation of the iterates (the update θ_t → θ_{t+1} of each row's step), and where Clipped-Ada's clip binds.
    public const string StepNorm = "step_norm";
    public const string PeriodTwoNorm = "period_two_norm";
    public const string StepAlongV1 = "step_along_v1";
    public const string ClipFraction = "clip_fraction";
    public const string ValidationAccuracy = "validation_accuracy";
    // λ₁ of P^{-1/2} H P^{-1/2} (P the adaptive optimizer's denominator), and quantiles of √v̂ over the coordinates.
    public const string PreconditionedSharpness = "preconditioned_sharpness";
    public const string SqrtVQ01 = "sqrt_v_q01";
    public const string SqrtVQ10 = "sqrt_v_q10";
    public const string SqrtVQ50 = "sqrt_v_q50";
    public const string SqrtVQ90 = "sqrt_v_q90";
    public const string SqrtVQ99 = "sqrt_v_q99";

    // The 2-parameter network's own coordinates.
    public const string ParamA = "param_a";
    public const string ParamB = "param_b";
    public const string LeadingEigenvectorAngle = "leading_eigenvector_angle_deg";
    public const string Beta = "beta";

    public static Type TypeOf(string column) => column == Step ? typeof(int) : typeof(double);
}
