using TorchSharp;

namespace Repro.Core.Models;

/// <summary>A model's parameters as one flat vector θ, in <c>parameters()</c> order (the order HVPs use).</summary>
public static class ParameterVector
{
    public static torch.Tensor Flatten(torch.nn.Module model)
    {
        using var _ = torch.no_grad();
        return torch.cat(model.parameters().Select(p => p.detach().reshape(-1)).ToList(), 0);
    }

    public static long Count(torch.nn.Module model) => model.parameters().Sum(p => p.numel());
}
