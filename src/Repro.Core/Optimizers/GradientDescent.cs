using TorchSharp;
using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

/// <summary>
/// θ ← θ − η·b with b ← μ·b + g (PyTorch's heavy-ball convention; μ = 0 is plain GD: θ ← θ − η·g).
/// Full-batch GD and minibatch SGD differ only in which examples the trainer puts into g.
/// </summary>
public sealed class GradientDescent : Optimizer
{
    private readonly torch.Tensor[] velocity;

    public GradientDescent(IEnumerable<Parameter> parameters, double momentum = 0) : base(parameters)
    {
        Momentum = momentum;
        velocity = momentum == 0 ? [] : ZerosLikeParameters();
    }

    public double Momentum { get; }

    protected override void Update(int index, torch.Tensor parameter, torch.Tensor gradient, double learningRate, long t)
    {
        if (Momentum == 0)
        {
            parameter.add_(gradient, alpha: -learningRate);
            return;
        }
        velocity[index].mul_(Momentum).add_(gradient);
        parameter.add_(velocity[index], alpha: -learningRate);
    }

    protected override IEnumerable<(string Name, IReadOnlyList<torch.Tensor> Tensors)> Buffers()
    {
        if (Momentum != 0)
            yield return ("velocity", velocity);
    }
}
