using Repro.Core.Data;
using TorchSharp;

namespace Repro.Core.Losses;

/// <summary>The training losses as <c>(output, targets) → mean loss</c>, the shape curvature instruments take.</summary>
public static class Loss
{
    public static torch.Tensor MeanSquaredError(torch.Tensor output, torch.Tensor targets) =>
        (output - targets).square().sum() * (0.5 / output.shape[0]);

    public static torch.Tensor CrossEntropy(torch.Tensor output, torch.Tensor labels) =>
        torch.nn.functional.cross_entropy(output, labels);

    public static Func<torch.Tensor, torch.Tensor, torch.Tensor> For(LossKind kind) => kind switch
    {
        LossKind.MeanSquaredError => MeanSquaredError,
        LossKind.CrossEntropy => CrossEntropy,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>What the loss compares the output with: one-hot vectors for MSE, class indices for cross-entropy.</summary>
    public static torch.Tensor Targets(LossKind kind, LabeledTensors data) =>
        kind == LossKind.MeanSquaredError ? data.OneHot : data.Labels;

    /// <summary>Fraction of examples whose largest output is their class.</summary>
    public static double Accuracy(torch.Tensor output, torch.Tensor labels)
    {
        using var correct = output.argmax(1).eq(labels).sum();
        return correct.item<long>() / (double)labels.shape[0];
    }
}
