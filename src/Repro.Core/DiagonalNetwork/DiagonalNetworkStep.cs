namespace Repro.Core.DiagonalNetwork;

/// <summary>The state of the 2-parameter network before step <see cref="Step"/> is taken.</summary>
public sealed record DiagonalNetworkStep(
    int Step,
    double A,
    double B,
    double Loss,
    double Sharpness,
    double LambdaMin,
    /// <summary>Angle of the leading Hessian eigenvector in degrees, in [−90, 90): v and −v are the same axis.</summary>
    double LeadingEigenvectorAngle,
    double Beta);
