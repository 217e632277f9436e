using TorchSharp;
using TorchSharp.Modules;

namespace Repro.Core.Optimizers;

/// <summary>
/// An update rule written out on the parameter tensors. State (moments, momentum buffers, the step count) is
/// held in named tensors so a checkpoint can save and restore it exactly.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly torch.Tensor stepCount = torch.zeros(1, torch.ScalarType.Int64);

    protected Optimizer(IEnumerable<Parameter> parameters)
    {
        Parameters = parameters.ToList();
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Updates taken so far; t in the bias corrections is this after increment.</summary>
    public long StepCount => stepCount.item<long>();

    /// <summary>One update θ ← θ − η·(rule) from the gradients currently stored on the parameters.</summary>
    public void Step(double learningRate)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        stepCount.add_(1);
        var t = StepCount;
        BeginStep();
        for (var i = 0; i < Parameters.Count; i++)
        {
            var gradient = Parameters[i].grad;
            if (gradient is not null)
                Update(i, Parameters[i], gradient, learningRate, t);
        }
    }

    public void ZeroGrad()
    {
        foreach (var parameter in Parameters)
            parameter.grad?.zero_();
    }

    /// <summary>Every tensor that must survive a checkpoint, by a stable name; restoring is copying into them.</summary>
    public IReadOnlyList<(string Name, torch.Tensor Tensor)> State() =>
        [("step", stepCount), .. Buffers().SelectMany(b => b.Tensors.Select((tensor, i) => ($"{b.Name}.{i}", tensor)))];

    public void Dispose()
    {
        stepCount.Dispose();
        foreach (var (_, tensors) in Buffers())
        {
            foreach (var tensor in tensors)
                tensor.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Called at the start of every <see cref="Step"/>, before the per-parameter updates.</summary>
    protected virtual void BeginStep()
    {
    }

    /// <param name="t">The step number, 1 for the first update.</param>
    protected abstract void Update(int index, torch.Tensor parameter, torch.Tensor gradient, double learningRate, long t);

    /// <summary>The optimizer's per-parameter buffers, one tensor per parameter in each.</summary>
    protected abstract IEnumerable<(string Name, IReadOnlyList<torch.Tensor> Tensors)> Buffers();

    protected torch.Tensor[] ZerosLikeParameters()
    {
        using var _ = torch.no_grad();
        return Parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }
}
