using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

/// <summary>A "model" whose output is the loss ½θᵀAθ, whatever its input: its Hessian is A.</summary>
public sealed class QuadraticModel : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _matrix;
    private readonly Parameter _theta;

    public QuadraticModel(Tensor matrix) : base(nameof(QuadraticModel))
    {
        _matrix = matrix;
        _theta = new Parameter(ones(matrix.shape[0], float64));
        register_parameter("theta", _theta);
    }

    public override Tensor forward(Tensor input) => 0.5 * _theta.dot(_matrix.mv(_theta));
}
