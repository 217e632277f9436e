using TorchSharp;

namespace Repro.Core.Curvature;

/// <summary>A Hessian-vector product v ↦ H v of a loss at fixed parameters, v flat over all parameters.</summary>
public delegate torch.Tensor Hvp(torch.Tensor v);
