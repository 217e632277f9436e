using TorchSharp;

namespace Repro.Core.Training;

/// <summary>
/// What a hook sees: the model in eval mode (batch norm on running statistics), at the parameters of Step, the
/// loss <c>(output, targets) → mean loss</c>, the fixed Hessian set in chunks, the test data, and θ₀; the optimizer's
/// diagonal preconditioner where it has one, and the validation split where the spec holds one out.
/// </summary>
public sealed record HookContext(
    long Step,
    torch.nn.Module<torch.Tensor, torch.Tensor> Model,
    Func<torch.Tensor, torch.Tensor, torch.Tensor> Loss,
    IReadOnlyList<(torch.Tensor Inputs, torch.Tensor Targets)> HessianSet,
    Data.LabeledTensors Test,
    torch.Tensor InitialParameters,
    Optimizers.IDiagonalPreconditioner? Preconditioner = null,
    Data.LabeledTensors? Validation = null);
