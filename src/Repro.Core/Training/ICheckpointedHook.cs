using TorchSharp;

namespace Repro.Core.Training;

/// <summary>A hook whose measurements depend on earlier ones (a warm start); its state goes into checkpoints.</summary>
public interface ICheckpointedHook : ITrainingHook
{
    /// <summary>Named tensors to save; names are unique within the hook.</summary>
    IEnumerable<(string Name, torch.Tensor Tensor)> State();

    /// <summary>Takes copies of the saved tensors; an empty dictionary means a fresh hook.</summary>
    void LoadState(IReadOnlyDictionary<string, torch.Tensor> state);
}
