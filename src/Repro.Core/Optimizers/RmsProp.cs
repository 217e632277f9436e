using TorchSharp;
using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

/// <summary>v ← α·v + (1 − α)·g², θ ← θ − η·g / (√v + ε), as PyTorch's RMSprop without momentum or centring.</summary>
public sealed class RmsProp : Optimizer
{
    private readonly torch.Tensor[] squareAverage;

    public RmsProp(IEnumerable<Parameter> parameters, double alpha = 0.99, double epsilon = 1e-8) : base(parameters)
    {
        Alpha = alpha;
        Epsilon = epsilon;
        squareAverage = ZerosLikeParameters();
    }

    public double Alpha { get; }

    public double Epsilon { get; }

    protected override void Update(int index, torch.Tensor parameter, torch.Tensor gradient, double learningRate, long t)
    {
        var v = squareAverage[index].mul_(Alpha).addcmul_(gradient, gradient, value: 1 - Alpha);
        parameter.addcdiv_(gradient, v.sqrt().add_(Epsilon), value: -learningRate);
    }

    protected override IEnumerable<(string Name, IReadOnlyList<torch.Tensor> Tensors)> Buffers()
    {
        yield return ("square_average", squareAverage);
    }
}
