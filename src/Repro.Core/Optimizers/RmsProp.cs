using TorchSharp;
using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

/// <summary>v ← α·v + (1 − α)·g², θ ← θ − η·g / (√v + ε), as PyTorch's RMSprop without momentum or centring.</summary>
public sealed class RmsProp : Optimizer, IDiagonalPreconditioner
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

    public torch.Tensor? RootSecondMoment()
    {
        if (StepCount == 0) return null;
        using var _ = torch.no_grad();
        return torch.cat(squareAverage.Select(v => v.reshape(-1).sqrt()).ToList(), 0);
    }

    public torch.Tensor? PreconditionerDiagonal() => RootSecondMoment()?.add_(Epsilon);

    protected override IEnumerable<(string Name, IReadOnlyList<torch.Tensor> Tensors)> Buffers()
    {
        yield return ("square_average", squareAverage);
    }
}
