using TorchSharp;
using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

/// <summary>
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), θ ← θ − η·m̂ / (D(√v̂) + ε)
/// with D the identity for Adam. Clipped-Ada bounds D by c (<see cref="ClipSide"/>).
/// The arithmetic order follows PyTorch's Adam so that an unbounded D gives its numbers.
/// </summary>
public class Adam : Optimizer, IDiagonalPreconditioner
{
    private readonly torch.Tensor[] firstMoment;
    private readonly torch.Tensor[] secondMoment;

    public Adam(IEnumerable<Parameter> parameters, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : base(parameters)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        firstMoment = ZerosLikeParameters();
        secondMoment = ZerosLikeParameters();
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    protected override void Update(int index, torch.Tensor parameter, torch.Tensor gradient, double learningRate, long t)
    {
        var m = firstMoment[index].mul_(Beta1).add_(gradient, alpha: 1 - Beta1);
        var v = secondMoment[index].mul_(Beta2).addcmul_(gradient, gradient, value: 1 - Beta2);
        var firstCorrection = 1 - Math.Pow(Beta1, t);
        var secondCorrection = 1 - Math.Pow(Beta2, t);
        var root = v.sqrt().div_(Math.Sqrt(secondCorrection));
        Observe(root);
        var denominator = Bound(root).add_(Epsilon);
        parameter.addcdiv_(m, denominator, value: -learningRate / firstCorrection);
    }

    public torch.Tensor? RootSecondMoment()
    {
        if (StepCount == 0) return null;
        using var _ = torch.no_grad();
        double correction = Math.Sqrt(1 - Math.Pow(Beta2, StepCount));
        return torch.cat(secondMoment.Select(v => v.reshape(-1).sqrt().div_(correction)).ToList(), 0);
    }

    public torch.Tensor? PreconditionerDiagonal() => RootSecondMoment() is { } root ? Bound(root).add_(Epsilon) : null;

    /// <summary>D(√v̂), in place; no side effects, so a measurement can apply it too.</summary>
    protected virtual torch.Tensor Bound(torch.Tensor rootSecondMoment) => rootSecondMoment;

    /// <summary>Sees √v̂ of each update before the bound (Clipped-Ada counts where it binds).</summary>
    protected virtual void Observe(torch.Tensor rootSecondMoment)
    {
    }

    protected override IEnumerable<(string Name, IReadOnlyList<torch.Tensor> Tensors)> Buffers()
    {
        yield return ("first_moment", firstMoment);
        yield return ("second_moment", secondMoment);
    }
}
