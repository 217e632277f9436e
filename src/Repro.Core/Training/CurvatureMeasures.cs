namespace Repro.Core.Training;

/// <summary>
/// What a curvature measurement computes. λ₁ (with v₁ and its rotation cosine) is always measured; each further measure
/// widens the one Lanczos run: λ₂ takes the top two pairs, the subspace rotations compare consecutive top-2 spaces (so they
/// need λ₂), λ_min adds the bottom pair. A measurement of λ₁ alone, warm-started from the previous v₁, takes fewer
/// Hessian-vector products than one that must also resolve λ₂ to 1e-3·λ₁ and λ_min (see <see cref="CurvatureHook"/>).
/// </summary>
[Flags]
public enum CurvatureMeasures
{
    Lambda1 = 1,
    Lambda2 = 2,
    LambdaMin = 4,
    Subspace = 8,

    /// <summary>Everything a measurement took before the measures were a choice: what Core's own callers get by default.</summary>
    All = Lambda1 | Lambda2 | LambdaMin | Subspace,
}
