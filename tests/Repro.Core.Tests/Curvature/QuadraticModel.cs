using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Core.Tests.Curvature;

/// <summary>A "model" whose output is the loss ½θᵀAθ, whatever its input: its Hessian is A.</summary>
public sealed class QuadraticModel : nn.Module<Tensor, Tensor>
{
    private readonly Tensor matrix;
    private readonly Parameter theta;

    public QuadraticModel(Tensor matrix) : base(nameof(QuadraticModel))
    {
        this.matrix = matrix;
        theta = new Parameter(ones(matrix.shape[0], float64));
        register_parameter("theta", theta);
    }

    public override Tensor forward(Tensor input) => 0.5 * theta.dot(matrix.mv(theta));
}
