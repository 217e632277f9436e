using TorchSharp;

namespace Repro.Core.Curvature;

/// <param name="Tolerance">A Ritz pair (θ, y) is converged when ‖H y − θ y‖ ≤ Tolerance · |θ|.</param>
/// <param name="MaxIterations">Upper bound on the Krylov dimension, hence on Hessian-vector products.</param>
/// <param name="WarmStart">
/// Previous eigenvectors ([k, n] rows or one [n] vector); Lanczos starts from their sum, which lies
/// in the span of all of them. Null starts from a random Gaussian vector. A warm start converges to
/// the eigenpairs it overlaps; a new top direction nearly orthogonal to it can be found late or, if
/// the start is an exact eigenvector, not at all: start cold now and then when that matters.
/// </param>
/// <param name="Seed">Seeds the random start and any restart after a breakdown.</param>
/// <param name="RelativeToSpectrum">
/// Measure every residual against the spectrum's scale, max |θ| over the Ritz values, instead of each pair's own |θ|.
/// A small eigenvalue such as λ_min near zero then needs accuracy relative to λ₁ only (ARPACK's ‖H‖-scaled
/// convention); with per-pair scaling its tolerance shrinks with |θ| and Lanczos runs to MaxIterations.
/// </param>
/// <param name="SmallestTolerance">
/// The tolerance for the smallest pairs (λ_min) when it differs from the largest pairs'; null means Tolerance. λ_min
/// sits at the edge of the dense bottom of a network's spectrum, where Lanczos converges slowly, and a looser tolerance
/// there (with RelativeToSpectrum) buys it in a Krylov space the size λ₁ needs anyway.
/// </param>
public sealed record LanczosOptions(
    double Tolerance = 1e-3,
    int MaxIterations = 200,
    torch.Tensor? WarmStart = null,
    ulong Seed = 0,
    bool RelativeToSpectrum = false,
    double? SmallestTolerance = null);
