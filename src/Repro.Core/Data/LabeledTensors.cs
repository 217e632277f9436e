using TorchSharp;

namespace Repro.Core.Data;

/// <summary>Inputs [N, C, H, W] (float32), class labels [N] (int64) and one-hot targets [N, classes] for MSE.</summary>
public sealed record LabeledTensors(torch.Tensor Inputs, torch.Tensor Labels, torch.Tensor OneHot) : IDisposable
{
    public int Count => (int)Labels.shape[0];

    public int ClassCount => (int)OneHot.shape[1];

    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
        OneHot.Dispose();
    }
}
