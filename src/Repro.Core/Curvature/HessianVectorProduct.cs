using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// Hessian-vector products and gradients of a model's training loss at its current parameters,
/// over a fixed Hessian set held as chunks so memory stays bounded for any set size.
/// The full-set loss is the example-weighted mean of the chunk losses, so H v = Σ_c (n_c / N) H_c v.
/// Batch norm and dropout run in the <see cref="HessianMode"/> asked for (eval by default) during every product;
/// each module's training flag, and in train mode every buffer (batch norm's running statistics), is restored afterwards.
/// </summary>
public sealed class HessianVectorProduct
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly Func<Tensor, Tensor, Tensor> lossOf;
    private readonly IReadOnlyList<(Tensor Inputs, Tensor Targets)> chunks;
    private readonly IReadOnlyList<Tensor> parameters;
    private readonly HessianMode hessianMode;

    /// <param name="loss">(output, targets) ↦ the mean loss over the chunk, a scalar tensor.</param>
    /// <param name="mode">Eval: batch norm on running statistics; train: on each chunk's own batch statistics.</param>
    public HessianVectorProduct(
        nn.Module<Tensor, Tensor> model,
        Func<Tensor, Tensor, Tensor> loss,
        IReadOnlyList<(Tensor Inputs, Tensor Targets)> hessianSet,
        HessianMode mode = HessianMode.Eval)
    {
        if (hessianSet.Count == 0) throw new ArgumentException("The Hessian set needs at least one chunk.", nameof(hessianSet));
        this.model = model;
        lossOf = loss;
        chunks = hessianSet;
        hessianMode = mode;
        parameters = ParameterVector.Trainable(model);
        if (parameters.Count == 0) throw new ArgumentException("The model has no parameters that require grad.", nameof(model));
        Dimension = parameters.Sum(p => p.numel());
        ExampleCount = hessianSet.Sum(c => c.Inputs.shape[0]);
        DType = parameters[0].dtype;
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
        using var mode = new ModeScope(model, hessianMode);
        var direction = Split(v.reshape(-1).to(DType).detach());
        var product = zeros(Dimension, DType, device: parameters[0].device);
        foreach (var (inputs, targets) in chunks)
        {
            using var chunkScope = NewDisposeScope();
            var chunk = SecondBackward(GradientGraph(inputs, targets), direction, retainGraph: false);
            if (chunk is not null) product.add_(chunk, alpha: (double)inputs.shape[0] / ExampleCount);
        }
        return product.to(v.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Products at the current parameters that share one gradient graph: the forward pass and first backward are done
    /// once for the session instead of once per product (about half an HVP's cost). Only when the Hessian set is one
    /// chunk, so the graph held between products is the one a single product builds anyway; with several chunks the
    /// session computes each product afresh. The parameters must not change while the session is open.
    /// </summary>
    public Session OpenSession() => new(this);

    /// <summary>See <see cref="OpenSession"/>. Products equal <see cref="Apply"/>'s to rounding.</summary>
    public sealed class Session : IDisposable
    {
        private readonly HessianVectorProduct owner;
        private readonly List<Tensor>? gradientGraph;

        internal Session(HessianVectorProduct owner)
        {
            this.owner = owner;
            if (owner.chunks.Count != 1) return;
            using var scope = NewDisposeScope();
            using var grad = enable_grad();
            using var mode = new ModeScope(owner.model, owner.hessianMode);
            var (inputs, targets) = owner.chunks[0];
            // The gradients keep the graph behind them (forward activations included) alive when the scope disposes the rest.
            gradientGraph = owner.GradientGraph(inputs, targets).Select(g => g.DetachFromDisposeScope()).ToList();
        }

        public static implicit operator Hvp(Session session) => session.Apply;

        public Tensor Apply(Tensor v)
        {
            if (gradientGraph is null) return owner.Apply(v);
            if (v.numel() != owner.Dimension)
                throw new ArgumentException($"v has {v.numel()} entries, the model has {owner.Dimension} trainable parameters.", nameof(v));
            using var scope = NewDisposeScope();
            using var grad = enable_grad();
            var direction = owner.Split(v.reshape(-1).to(owner.DType).detach());
            var product = owner.SecondBackward(gradientGraph, direction, retainGraph: true) ?? zeros(owner.Dimension, owner.DType);
            return product.to(v.dtype).MoveToOuterDisposeScope();
        }

        public void Dispose()
        {
            foreach (var g in gradientGraph ?? []) g.Dispose();
        }
    }

    // ∇L of one chunk with its graph kept for a second backward; a parameter the loss does not use gets an empty tensor.
    private List<Tensor> GradientGraph(Tensor inputs, Tensor targets)
    {
        var loss = lossOf(model.call(inputs), targets);
        return autograd.grad([loss], parameters.ToList(), create_graph: true, retain_graph: true, allow_unused: true)
            .Select(g => g is null || g.IsInvalid ? empty(0) : g).ToList();
    }

    // ∇(gᵀv) = H v for one chunk, flat; null when the chunk's gradient does not depend on the parameters (H = 0).
    private Tensor? SecondBackward(IReadOnlyList<Tensor> gradients, IReadOnlyList<Tensor> direction, bool retainGraph)
    {
        // gᵀv summed per parameter: no concatenation in the graph that the second backward walks.
        var terms = gradients
            .Select((g, i) => g.numel() == 0 ? null : g.mul(direction[i]).sum())
            .OfType<Tensor>()
            .ToList();
        // A loss linear in the parameters leaves no graph to differentiate: its H v is zero.
        if (terms.Count == 0) return null;
        var directional = terms.Aggregate((a, b) => a + b);
        if (!directional.requires_grad) return null;
        var second = autograd.grad([directional], parameters.ToList(), retain_graph: retainGraph, allow_unused: true);
        return ParameterVector.Flatten(Densify(second));
    }

    /// <summary>∇L over the Hessian set, flat, in the parameters' dtype.</summary>
    public Tensor Gradient() => LossAndGradient().Gradient;

    /// <summary>The Hessian-set loss and its gradient, with batch norm and dropout in this product's mode.</summary>
    public (double Loss, Tensor Gradient) LossAndGradient()
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        using var mode = new ModeScope(model, hessianMode);
        var gradient = zeros(Dimension, DType, device: parameters[0].device);
        double total = 0;
        foreach (var (inputs, targets) in chunks)
        {
            using var chunkScope = NewDisposeScope();
            var loss = lossOf(model.call(inputs), targets);
            var gradients = autograd.grad([loss], parameters.ToList(), allow_unused: true);
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
        using var mode = new ModeScope(model, hessianMode);
        double total = 0;
        foreach (var (inputs, targets) in chunks)
        {
            using var chunkScope = NewDisposeScope();   // a chunk's activations go before the next chunk's come
            total += (double)inputs.shape[0] / ExampleCount * lossOf(model.call(inputs), targets).ToDouble();
        }
        return total;
    }

    private List<Tensor> Split(Tensor flat)
    {
        var views = new List<Tensor>(parameters.Count);
        long offset = 0;
        foreach (var p in parameters)
        {
            views.Add(flat.narrow(0, offset, p.numel()).view(p.shape));
            offset += p.numel();
        }
        return views;
    }

    private IEnumerable<Tensor> Densify(IList<Tensor> gradients) =>
        gradients.Select((g, i) => g is null || g.IsInvalid ? zeros_like(parameters[i]) : g);

    // Puts every module in the wanted mode and, on dispose, gives each module back its own training flag. In train
    // mode batch norm updates its running statistics in place; an in-place write, even one undoing it, would break
    // any graph that saved them (the trainer's own step, whose backward follows the curvature hooks). So each norm
    // layer gets copies of its statistics for the duration, and its own tensors, never written, back afterwards.
    private sealed class ModeScope : IDisposable
    {
        private readonly List<(nn.Module Module, bool Training)> flags;
        private readonly List<(NormBase Norm, Tensor? Mean, Tensor? Variance, Tensor? Batches)> savedStatistics = [];

        public ModeScope(nn.Module model, HessianMode mode)
        {
            flags = [(model, model.training), .. model.modules().Select(m => (m, m.training))];
            if (mode == HessianMode.Train)
            {
                foreach (var norm in model.modules().OfType<NormBase>())
                {
                    // detach(): a second handle on the same tensor, since the setters below dispose the module's own.
                    savedStatistics.Add((norm, norm.running_mean?.detach().DetachFromDisposeScope(),
                                     norm.running_var?.detach().DetachFromDisposeScope(),
                                     norm.num_batches_tracked?.detach().DetachFromDisposeScope()));
                    norm.running_mean = norm.running_mean?.clone();
                    norm.running_var = norm.running_var?.clone();
                    norm.num_batches_tracked = norm.num_batches_tracked?.clone();
                }
            }
            model.train(mode == HessianMode.Train);
        }

        public void Dispose()
        {
            // train(flag) recurses into children, so restore parents before their children.
            foreach (var (module, training) in flags) module.train(training);
            foreach (var (norm, mean, variance, batches) in savedStatistics)
            {
                norm.running_mean = mean;
                norm.running_var = variance;
                norm.num_batches_tracked = batches;
            }
        }
    }
}
