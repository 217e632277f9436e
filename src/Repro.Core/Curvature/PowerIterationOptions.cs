using TorchSharp;

namespace Repro.Core.Curvature;

/// <param name="Tolerance">Stop an eigenpair when the Rayleigh quotient changes by less than this, relatively (PyHessian: 1e-3).</param>
/// <param name="MaxIterations">Hessian-vector products allowed per eigenpair (PyHessian: 100).</param>
/// <param name="WarmStart">Previous eigenvectors ([k, n] rows or one [n] vector): eigenpair i starts from row i.</param>
/// <param name="Seed">Seeds the random starts.</param>
public sealed record PowerIterationOptions(
    double Tolerance = 1e-3,
    int MaxIterations = 100,
    torch.Tensor? WarmStart = null,
    ulong Seed = 0);
