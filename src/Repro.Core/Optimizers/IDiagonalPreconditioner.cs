using TorchSharp;

namespace Repro.Core.Optimizers;

/// <summary>
/// An optimizer whose update divides the step by a per-coordinate denominator P (Adam, Clipped-Ada, RMSprop), so its
/// linearised dynamics are those of GD on P^{-1/2} H P^{-1/2}: what the preconditioned sharpness is measured on.
/// Both vectors are flat over the parameters in <c>model.parameters()</c> order, fresh tensors owned by the caller.
/// </summary>
public interface IDiagonalPreconditioner
{
    /// <summary>P: what the latest update divided by (for Clipped-Ada the bounded √v̂, plus ε); null before the first step.</summary>
    torch.Tensor? PreconditionerDiagonal();

    /// <summary>√v̂ itself, before any bound and without ε: where a clip bound c sits in it; null before the first step.</summary>
    torch.Tensor? RootSecondMoment();
}
