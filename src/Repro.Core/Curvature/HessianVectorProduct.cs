using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// Hessian-vector products and gradients of a model's training loss at its current parameters,
/// over a fixed Hessian set held as chunks so memory stays bounded for any set size.
/// The full-set loss is the example-weighted mean of the chunk losses, so H v = Σ_c (n_c / N) H_c v.
/// Batch-norm and dropout run in eval mode during every product; each module's training flag is
/// restored afterwards.
/// </summary>
public sealed class HessianVectorProduct
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Func<Tensor, Tensor, Tensor> _loss;
    private readonly IReadOnlyList<(Tensor Inputs, Tensor Targets)> _chunks;
    private readonly IReadOnlyList<Tensor> _parameters;

    /// <param name="loss">(output, targets) ↦ the mean loss over the chunk, a scalar tensor.</param>
    public HessianVectorProduct(
        nn.Module<Tensor, Tensor> model,
        Func<Tensor, Tensor, Tensor> loss,
        IReadOnlyList<(Tensor Inputs, Tensor Targets)> hessianSet)
    {
        if (hessianSet.Count == 0) throw new ArgumentException("The Hessian set needs at least one chunk.", nameof(hessianSet));
        _model = model;
        _loss = loss;
        _chunks = hessianSet;
        _parameters = ParameterVector.Trainable(model);
        if (_parameters.Count == 0) throw new ArgumentException("The model has no parameters that require grad.", nameof(model));
        Dimension = _parameters.Sum(p => p.numel());
        ExampleCount = hessianSet.Sum(c => c.Inputs.shape[0]);
        DType = _parameters[0].dtype;
    }

    /// <summary>Number of trainable parameters: the length of every flat vector.</summary>
    public long Dimension { get; }

    /// <summary>N, the number of examples in the Hessian set.</summary>
    public long ExampleCount { get; }

    /// <summary>The parameters' dtype, in which products are computed.</summary>
    public ScalarType DType { get; }

    public static implicit operator Hvp(HessianVectorProduct product) => product.Apply;

    /// <summary>
    /// H v. <paramref name="v"/> may have any floating dtype: it is cast to the parameters' dtype for
    /// the product, and the result is returned in <paramref name="v"/>'s dtype.
    /// </summary>
    public Tensor Apply(Tensor v)
    {
        if (v.numel() != Dimension)
            throw new ArgumentException($"v has {v.numel()} entries, the model has {Dimension} trainable parameters.", nameof(v));

        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        using var eval = new EvalMode(_model);
        var direction = Split(v.reshape(-1).to(DType).detach());
        var product = zeros(Dimension, DType, device: _parameters[0].device);
        foreach (var (inputs, targets) in _chunks)
        {
            using var chunkScope = NewDisposeScope();
            var loss = _loss(_model.call(inputs), targets);
            var gradients = autograd.grad([loss], _parameters.ToList(),
                create_graph: true, retain_graph: true, allow_unused: true);
            // gᵀv summed per parameter: no concatenation in the graph that the second backward walks.
            var terms = gradients
                .Select((g, i) => g is null || g.IsInvalid ? null : g.mul(direction[i]).sum())
                .OfType<Tensor>()
                .ToList();
            // A loss linear in the parameters leaves no graph to differentiate: its H v is zero.
            if (terms.Count == 0) continue;
            var directional = terms.Aggregate((a, b) => a + b);
            if (!directional.requires_grad) continue;
            var second = autograd.grad([directional], _parameters.ToList(), allow_unused: true);
            var weight = (double)inputs.shape[0] / ExampleCount;
            product.add_(ParameterVector.Flatten(Densify(second)), alpha: weight);
        }
        return product.to(v.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>∇L over the Hessian set, flat, in the parameters' dtype.</summary>
    public Tensor Gradient() => LossAndGradient().Gradient;

    /// <summary>The Hessian-set loss and its gradient, with batch-norm and dropout in eval mode.</summary>
    public (double Loss, Tensor Gradient) LossAndGradient()
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        using var eval = new EvalMode(_model);
        var gradient = zeros(Dimension, DType, device: _parameters[0].device);
        double total = 0;
        foreach (var (inputs, targets) in _chunks)
        {
            using var chunkScope = NewDisposeScope();
            var loss = _loss(_model.call(inputs), targets);
            var gradients = autograd.grad([loss], _parameters.ToList(), allow_unused: true);
            var weight = (double)inputs.shape[0] / ExampleCount;
            gradient.add_(ParameterVector.Flatten(Densify(gradients)), alpha: weight);
            total += weight * loss.ToDouble();
        }
        return (total, gradient.MoveToOuterDisposeScope());
    }

    /// <summary>The Hessian-set loss at the current parameters.</summary>
    public double Loss()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var eval = new EvalMode(_model);
        double total = 0;
        foreach (var (inputs, targets) in _chunks)
            total += (double)inputs.shape[0] / ExampleCount * _loss(_model.call(inputs), targets).ToDouble();
        return total;
    }

    private List<Tensor> Split(Tensor flat)
    {
        var views = new List<Tensor>(_parameters.Count);
        long offset = 0;
        foreach (var p in _parameters)
        {
            views.Add(flat.narrow(0, offset, p.numel()).view(p.shape));
            offset += p.numel();
        }
        return views;
    }

    private IEnumerable<Tensor> Densify(IList<Tensor> gradients) =>
        gradients.Select((g, i) => g is null || g.IsInvalid ? zeros_like(_parameters[i]) : g);

    // Puts every module in eval mode and, on dispose, gives each module back its own training flag.
    private sealed class EvalMode : IDisposable
    {
        private readonly List<(nn.Module Module, bool Training)> _flags;

        public EvalMode(nn.Module model)
        {
            _flags = [(model, model.training), .. model.modules().Select(m => (m, m.training))];
            model.eval();
        }

        public void Dispose()
        {
            // train(flag) recurses into children, so restore parents before their children.
            foreach (var (module, training) in _flags) module.train(training);
        }
    }
}
