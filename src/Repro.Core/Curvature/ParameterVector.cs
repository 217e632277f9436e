using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Core.Curvature;

/// <summary>
/// The flat-vector view of a model used by every curvature instrument: all parameters that require
/// grad, in <c>model.parameters()</c> order, each flattened and concatenated.
/// </summary>
public static class ParameterVector
{
    public static IReadOnlyList<Tensor> Trainable(nn.Module model) =>
        model.parameters().Where(p => p.requires_grad).Cast<Tensor>().ToList();

    public static long Dimension(nn.Module model) => Trainable(model).Sum(p => p.numel());

    /// <summary>A detached copy of θ as one 1-D tensor in the parameters' dtype.</summary>
    public static Tensor Flatten(nn.Module model)
    {
        using var noGrad = no_grad();
        return Flatten(Trainable(model)).detach().clone();
    }

    /// <summary>Concatenates tensors (parameters, gradients, Hessian-vector products) into one 1-D tensor.</summary>
    public static Tensor Flatten(IEnumerable<Tensor> tensors) =>
        cat(tensors.Select(t => t.reshape(-1)).ToList(), 0);

    /// <summary>Overwrites θ in place with <paramref name="vector"/> (any floating dtype).</summary>
    public static void Assign(nn.Module model, Tensor vector)
    {
        var parameters = Trainable(model);
        var expected = parameters.Sum(p => p.numel());
        if (vector.numel() != expected)
            throw new ArgumentException($"Vector has {vector.numel()} entries, the model has {expected} trainable parameters.");

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long offset = 0;
        foreach (var p in parameters)
        {
            var n = p.numel();
            p.copy_(vector.narrow(0, offset, n).reshape(p.shape).to(p.dtype));
            offset += n;
        }
    }
}
