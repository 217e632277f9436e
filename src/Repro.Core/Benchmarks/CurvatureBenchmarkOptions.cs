namespace Repro.Core.Benchmarks;

/// <param name="Steps">Full-batch GD steps along which λ₁ is measured.</param>
/// <param name="MeasureEvery">Steps between measurements; each warm start uses the previous measurement's vector.</param>
/// <param name="Repetitions">Timed gradients and timed HVPs (after one untimed warm-up of each); the fastest is reported.</param>
/// <param name="Tolerance">Lanczos stops at relative residual ‖Hv − λv‖/|λ| ≤ Tolerance; power iteration uses it as PyHessian's relative-change tolerance.</param>
/// <param name="Seed">Seeds the random start vectors.</param>
public sealed record CurvatureBenchmarkOptions(
    int Steps = 40,
    int MeasureEvery = 4,
    int Repetitions = 20,
    double Tolerance = 1e-3,
    ulong Seed = 0);
